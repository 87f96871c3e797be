// SPDX-License-Identifier: MIT
// SettingsPage: errors at their field, the collapsed Advanced section, unapplied edits, one label column, mnemonics
// and tab order; against a real ProxyService.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>

#include "accounts/accountpool.h"
#include "accounts/accountservice.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "importdialog.h"
#include "proxyservice.h"
#include "servicefixture.h"
#include "settingspage.h"
#include "testfixtures.h"
#include "uistate.h"

class TestSettingsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void portInUseShownAtPortField();
    void problemsShownAtTheirField_data();
    void problemsShownAtTheirField();
    void openMetricsOnlyOnLoopback();
    void advancedCollapsedByDefaultAndRemembered();
    void unappliedEditsMarked();
    void unappliedEditsSurviveHiding();
    void labelsShareOneColumn();
    void mnemonicsAndTabOrder();

private:
    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

namespace {
QLabel *errorOf(const SettingsPage &page, const QString &key)
{
    return page.findChild<QLabel *>(key + QStringLiteral("Error"));
}

/// The label of the form row holding `field` (a check box is its own label).
QWidget *labelOf(const SettingsPage &page, QWidget *field)
{
    for (QLabel *label : page.findChildren<QLabel *>()) {
        if (label->buddy() == field && !label->text().isEmpty())
            return label;
    }
    return field;
}

QPushButton *button(const SettingsPage &page, const char *name)
{
    return page.findChild<QPushButton *>(QLatin1String(name));
}
} // namespace

void TestSettingsPage::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
}

void TestSettingsPage::init()
{
    UiState::setFile(QString()); // in memory, empty: nothing remembered from an earlier test
    const QString why = m_env.startService(QStringLiteral("settings-test-key"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestSettingsPage::cleanup()
{
    m_env.stopService();
}

void TestSettingsPage::portInUseShownAtPortField()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    SettingsPage page(*m_service);
    auto *port = page.findChild<QSpinBox *>(QStringLiteral("port"));
    QLabel *portError = errorOf(page, QStringLiteral("port"));
    QLabel *hostError = errorOf(page, QStringLiteral("host"));
    QVERIFY(port && portError && hostError);
    QVERIFY(portError->isHidden());
    const QPalette normal = port->palette();
    port->setValue(blocker.serverPort());
    QVERIFY(!page.apply());
    // Under the port field, in words, with the field tinted; not at the host field.
    QVERIFY(!portError->isHidden());
    QVERIFY2(portError->text().contains(QString::number(blocker.serverPort())), qPrintable(portError->text()));
    QVERIFY2(portError->text().contains(QLatin1String("in use")), qPrintable(portError->text()));
    QVERIFY(hostError->isHidden());
    QVERIFY(port->palette().color(QPalette::Base) != normal.color(QPalette::Base));
    QCOMPARE(port->value(), int(blocker.serverPort())); // the input stays
    // Fixing the field clears its error at once.
    port->setValue(0);
    QVERIFY(portError->isHidden());
    QCOMPARE(port->palette().color(QPalette::Base), normal.color(QPalette::Base));
}

void TestSettingsPage::problemsShownAtTheirField_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("errorAt");
    QTest::addColumn<QString>("words");
    QTest::newRow("host") << QStringLiteral("host") << QStringLiteral("not a host") << QStringLiteral("host")
                          << QStringLiteral("not an IP address");
    QTest::newRow("lan without key") << QStringLiteral("apiKey") << QString() << QStringLiteral("apiKey")
                                     << QStringLiteral("set an API key");
    QTest::newRow("endpoint") << QStringLiteral("apiEndpoint") << QStringLiteral("ftp://x")
                              << QStringLiteral("apiEndpoint") << QStringLiteral("http(s) address");
    QTest::newRow("outbound proxy") << QStringLiteral("proxyUrl") << QStringLiteral("gopher://p:1")
                                    << QStringLiteral("proxyUrl") << QStringLiteral("socks5://host:port");
    QTest::newRow("region") << QStringLiteral("region") << QStringLiteral("  ") << QStringLiteral("region")
                            << QStringLiteral("cannot be empty");
}

void TestSettingsPage::problemsShownAtTheirField()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, errorAt);
    QFETCH(QString, words);
    SettingsPage page(*m_service);
    page.resize(800, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    if (key == QLatin1String("apiKey"))
        page.findChild<QLineEdit *>(QStringLiteral("host"))->setText(QStringLiteral("0.0.0.0"));
    auto *edit = page.findChild<QLineEdit *>(key);
    QVERIFY(edit);
    edit->setText(value);
    const Config before = m_service->config();
    QVERIFY(!page.apply());
    QLabel *error = errorOf(page, errorAt);
    QVERIFY(error);
    QVERIFY2(error->isVisibleTo(&page), "the error line is hidden (an advanced field's section stays collapsed?)");
    QVERIFY2(error->text().contains(words), qPrintable(error->text()));
    // Only that field complains, and nothing was applied.
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (QLabel *other = errorOf(page, setting.key); other && setting.key != errorAt)
            QVERIFY2(other->isHidden(), qPrintable(setting.key));
    }
    QCOMPARE(m_service->config().host, before.host);
    QCOMPARE(m_service->config().apiKey, before.apiKey);
    // The line at the bottom names the field as well.
    auto *message = page.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY2(message->text().contains(words.toHtmlEscaped()), qPrintable(message->text()));
}

// metricsAuth "none" (Advanced → Monitoring) on a network address is shown at its field, which opens Advanced; on
// loopback it applies.
void TestSettingsPage::openMetricsOnlyOnLoopback()
{
    SettingsPage page(*m_service);
    page.resize(800, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *metrics = page.findChild<QComboBox *>(QStringLiteral("metricsAuth"));
    auto *host = page.findChild<QLineEdit *>(QStringLiteral("host"));
    QVERIFY(metrics && host);
    QCOMPARE(metrics->currentData().toString(), QStringLiteral("apiKey"));
    metrics->setCurrentIndex(metrics->findData(QStringLiteral("none")));
    host->setText(QStringLiteral("0.0.0.0"));
    QVERIFY(!page.apply());
    QLabel *error = errorOf(page, QStringLiteral("metricsAuth"));
    QVERIFY2(error->isVisibleTo(&page), "the error line is hidden (Advanced stays collapsed?)");
    QVERIFY2(error->text().contains(QLatin1String("this computer only")), qPrintable(error->text()));
    QVERIFY(page.advancedShown());
    QCOMPARE(m_service->config().metricsAuth, QStringLiteral("apiKey"));
    host->setText(QStringLiteral("127.0.0.1"));
    QVERIFY(page.apply());
    QCOMPARE(m_service->config().metricsAuth, QStringLiteral("none"));
}

void TestSettingsPage::advancedCollapsedByDefaultAndRemembered()
{
    {
        SettingsPage page(*m_service);
        auto *toggle = page.findChild<QToolButton *>(QStringLiteral("advancedToggle"));
        QVERIFY(toggle);
        QVERIFY(!page.advancedShown());
        // Every advanced field is in the collapsed section, every other one outside it.
        for (const SettingDescriptor &setting : SettingDescriptor::all()) {
            if (setting.page.group == SettingDescriptor::Group::Hidden)
                continue;
            QWidget *field = page.findChild<QWidget *>(setting.key);
            QVERIFY2(field, qPrintable(setting.key));
            QCOMPARE(field->isVisibleTo(&page), !setting.page.advanced);
        }
        // A group is advanced or not as a whole: its box sits in one section.
        QHash<SettingDescriptor::Group, bool> advancedGroup;
        for (const SettingDescriptor &setting : SettingDescriptor::all()) {
            if (setting.page.group == SettingDescriptor::Group::Hidden)
                continue;
            const auto known = advancedGroup.constFind(setting.page.group);
            if (known != advancedGroup.cend())
                QVERIFY2(known.value() == setting.page.advanced, qPrintable(setting.key));
            advancedGroup.insert(setting.page.group, setting.page.advanced);
        }
        QVERIFY(SettingDescriptor::find(QStringLiteral("proxyPassword"))->page.advanced);
        QVERIFY(!SettingDescriptor::find(QStringLiteral("port"))->page.advanced);
        toggle->click();
        QVERIFY(page.advancedShown());
        QVERIFY(page.findChild<QWidget *>(QStringLiteral("proxyPassword"))->isVisibleTo(&page));
    }
    {
        SettingsPage again(*m_service); // opened again, it is as the user left it
        QVERIFY(again.advancedShown());
        again.findChild<QToolButton *>(QStringLiteral("advancedToggle"))->click();
    }
    SettingsPage third(*m_service);
    QVERIFY(!third.advancedShown());
}

void TestSettingsPage::unappliedEditsMarked()
{
    SettingsPage page(*m_service);
    QSignalSpy pending(&page, &SettingsPage::pendingChangesChanged);
    auto *logSize = page.findChild<QSpinBox *>(QStringLiteral("logSize"));
    auto *sticky = page.findChild<QCheckBox *>(QStringLiteral("sessionStickiness"));
    QPushButton *apply = button(page, "apply");
    QPushButton *revert = button(page, "revert");
    QVERIFY(logSize && sticky && apply && revert);
    QWidget *logLabel = labelOf(page, logSize);
    QVERIFY(logLabel != logSize);
    QVERIFY(!logLabel->font().bold());
    QVERIFY(!apply->isEnabled());
    QVERIFY(!revert->isEnabled());

    logSize->setValue(logSize->value() + 1);
    QVERIFY(logLabel->font().bold());
    QCOMPARE(page.pendingChanges(), 1);
    QVERIFY2(apply->text().contains(QLatin1Char('1')), qPrintable(apply->text()));
    QVERIFY(apply->isEnabled() && revert->isEnabled());
    sticky->setChecked(!sticky->isChecked());
    QVERIFY(sticky->font().bold()); // a check box is its own label
    QCOMPARE(page.pendingChanges(), 2);
    QVERIFY2(apply->text().contains(QLatin1Char('2')), qPrintable(apply->text()));
    // Changing it back is not a change.
    sticky->setChecked(!sticky->isChecked());
    QVERIFY(!sticky->font().bold());
    QCOMPARE(page.pendingChanges(), 1);

    QVERIFY(page.apply());
    QCOMPARE(page.pendingChanges(), 0);
    QVERIFY(!logLabel->font().bold());
    QVERIFY(!apply->isEnabled() && !revert->isEnabled());
    QCOMPARE(pending.last().at(0).toInt(), 0);

    logSize->setValue(logSize->value() + 1);
    QVERIFY(logLabel->font().bold());
    revert->click();
    QVERIFY(!logLabel->font().bold());
    QCOMPARE(logSize->value(), m_service->config().logSize);
    QCOMPARE(page.pendingChanges(), 0);
}

void TestSettingsPage::unappliedEditsSurviveHiding()
{
    SettingsPage page(*m_service);
    page.show();
    auto *logSize = page.findChild<QSpinBox *>(QStringLiteral("logSize"));
    const int live = m_service->config().logSize;
    logSize->setValue(live + 5);
    page.hide(); // another tab, or the window closed to the tray
    page.show();
    QCOMPARE(logSize->value(), live + 5);
    QCOMPARE(page.pendingChanges(), 1);
    auto *message = page.findChild<QLabel *>(QStringLiteral("message"));
    QVERIFY2(message->text().contains(QLatin1String("not applied")), qPrintable(message->text()));
    // A setting changed elsewhere meanwhile shows, and the user's own edit stays.
    Config next = m_service->config();
    next.sessionStickiness = !next.sessionStickiness;
    QVERIFY(m_service->applyConfig(next).ok());
    QCOMPARE(page.findChild<QCheckBox *>(QStringLiteral("sessionStickiness"))->isChecked(), next.sessionStickiness);
    QCOMPARE(logSize->value(), live + 5);
    QCOMPARE(page.pendingChanges(), 1);
}

void TestSettingsPage::labelsShareOneColumn()
{
    SettingsPage page(*m_service);
    page.setAdvancedShown(true);
    page.resize(800, 500);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    // Every field of every group starts at the same x, so the labels form one column across the group boxes.
    QSet<int> starts;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (setting.page.group == SettingDescriptor::Group::Hidden)
            continue;
        QWidget *field = page.findChild<QWidget *>(setting.key);
        starts.insert(field->mapTo(&page, QPoint(0, 0)).x());
        // Nothing is wider than the page, and a port is not a wide field.
        QVERIFY2(field->mapTo(&page, QPoint(field->width(), 0)).x() <= page.width(), qPrintable(setting.key));
    }
    QCOMPARE(starts.size(), 1);
    QVERIFY(page.findChild<QSpinBox *>(QStringLiteral("port"))->width() < 200);
    QVERIFY(page.findChild<QLineEdit *>(QStringLiteral("host"))->width() < 300);
}

void TestSettingsPage::mnemonicsAndTabOrder()
{
    SettingsPage page(*m_service);
    QSet<QChar> letters;
    for (const SettingDescriptor &setting : SettingDescriptor::all()) {
        if (setting.page.group == SettingDescriptor::Group::Hidden)
            continue;
        QWidget *field = page.findChild<QWidget *>(setting.key);
        QWidget *label = labelOf(page, field);
        const QString text = label->property("text").toString();
        const qsizetype amp = text.indexOf(QLatin1Char('&'));
        // Every field a normal user sees has one; advanced ones as long as letters of their label are free.
        if (setting.page.advanced && amp < 0)
            continue;
        QVERIFY2(amp >= 0 && amp + 1 < text.size(), qPrintable(setting.key + QStringLiteral(": ") + text));
        const QChar letter = text.at(amp + 1).toLower();
        QVERIFY2(!letters.contains(letter), qPrintable(text));
        letters.insert(letter);
    }
    // Tab goes through the groups as shown: the Desktop group's last field, then the Advanced toggle, then the
    // first advanced field.
    auto next = [](QWidget *w) {
        do
            w = w->nextInFocusChain();
        while (!(w->focusPolicy() & Qt::TabFocus));
        return w;
    };
    QWidget *startAtLogin = page.findChild<QWidget *>(QStringLiteral("startAtLogin"));
    QCOMPARE(next(startAtLogin)->objectName(), QStringLiteral("advancedToggle"));
    QCOMPARE(next(page.findChild<QWidget *>(QStringLiteral("host")))->objectName(), QStringLiteral("port"));
    QCOMPARE(next(page.findChild<QWidget *>(QStringLiteral("apiKey")))->objectName(), QStringLiteral("strategy"));
}

QTEST_MAIN(TestSettingsPage)
#include "tst_settingspage.moc"
