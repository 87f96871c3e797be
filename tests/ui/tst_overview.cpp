// SPDX-License-Identifier: MIT
// Tests the Overview page against a real ProxyService (fake Kiro upstream): the key stays masked until Show, copy
// buttons confirm and never hand out an empty endpoint, the state line says why the pool is unusable, the chart
// counts failures per local clock hour, and "Configure Claude Code" writes (and removes) ~/.claude/settings.json in a
// temporary HOME — refusing a file that is not JSON.
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include "accounts/accountpool.h"
#include "accounts/accountservice.h"
#include "claudecodeconfig.h"
#include "config/claudecodesettings.h"
#include "config/config.h"
#include "logs/requestlog.h"
#include "overviewpage.h"
#include "proxyservice.h"
#include "requestchart.h"
#include "servicefixture.h"
#include "testfixtures.h"

namespace {
const QString kKey = QStringLiteral("kt-overview-test-key-0123456789abcdef");

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QImage rendered(QWidget &widget)
{
    QImage image(widget.size(), QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    widget.render(&image);
    return image;
}

/// The Claude Code dialog the page shows now (a closed one may linger until its deferred delete).
ClaudeCodeConfig *openDialog(const QWidget &page)
{
    for (ClaudeCodeConfig *dialog : page.findChildren<ClaudeCodeConfig *>()) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

/// Every text a label of `widget` shows.
QString labelTexts(const QWidget &widget)
{
    QStringList texts;
    for (const QLabel *label : widget.findChildren<QLabel *>())
        texts << label->text();
    return texts.join(QLatin1Char('\n'));
}
} // namespace

class TestOverview : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void keyMaskedUntilShow();
    void copyButtonsConfirm();
    void nothingToCopyWithoutEndpoint();
    void stateSaysWhyInColour();
    void hourlyOutcomesByClockHour();
    void chartStacksFailuresAndExplainsHours();
    void configureAndRemoveClaudeCode();
    void invalidClaudeSettingsRefused();
    void claudeStateFollowsEditsElsewhere();
    void smallWindowScrolls();

private:
    QString addAccount(const QString &name);
    QTemporaryDir *m_home = nullptr;
    QByteArray m_realHome;
    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

void TestOverview::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
    m_realHome = qgetenv("HOME");
}

void TestOverview::init()
{
    m_home = new QTemporaryDir;
    qputenv("HOME", QFile::encodeName(m_home->path()));
    const QString why = m_env.startService(kKey);
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestOverview::cleanup()
{
    m_env.stopService();
    qputenv("HOME", m_realHome);
    delete m_home;
    m_home = nullptr;
}

QString TestOverview::addAccount(const QString &name)
{
    return TestFixtures::addAccount(*m_service, name, TestFixtures::longToken(name));
}

void TestOverview::keyMaskedUntilShow()
{
    OverviewPage page(*m_service);
    page.show();
    auto *setup = page.findChild<QPlainTextEdit *>(QStringLiteral("clientSetup"));
    auto *reveal = page.findChild<QPushButton *>(QStringLiteral("revealKey"));
    auto *key = page.findChild<QLineEdit *>();
    QVERIFY(setup && reveal && key);
    // Nothing on the page prints the key: not the setup snippets, not a label.
    QVERIFY2(!setup->toPlainText().contains(kKey), qPrintable(setup->toPlainText()));
    QVERIFY(setup->toPlainText().contains(ClaudeCodeSettings::masked(kKey)));
    QVERIFY(setup->toPlainText().contains(m_service->endpoint()));
    QVERIFY(!labelTexts(page).contains(kKey));
    for (const QLineEdit *edit : page.findChildren<QLineEdit *>()) {
        if (edit->text() == kKey)
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
    }
    reveal->click();
    QVERIFY(setup->toPlainText().contains(kKey));
    reveal->click();
    QVERIFY(!setup->toPlainText().contains(kKey));
    // Copy still copies the real key.
    page.findChild<QPushButton *>(QStringLiteral("copyKey"))->click();
    QCOMPARE(QApplication::clipboard()->text(), kKey);
    page.findChild<QPushButton *>(QStringLiteral("copySetup"))->click();
    QCOMPARE(QApplication::clipboard()->text(), OverviewPage::claudeCodeSnippet(m_service->endpoint(), kKey));
}

void TestOverview::copyButtonsConfirm()
{
    OverviewPage page(*m_service);
    page.show();
    auto *copy = page.findChild<QPushButton *>(QStringLiteral("copyEndpoint"));
    QVERIFY(copy);
    const QString idle = copy->text();
    QVERIFY(copy->isEnabled());
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), m_service->endpoint());
    QCOMPARE(copy->text(), OverviewPage::tr("Copied"));
    QTRY_COMPARE_WITH_TIMEOUT(copy->text(), idle, OverviewPage::kCopiedMs * 10);
}

void TestOverview::nothingToCopyWithoutEndpoint()
{
    OverviewPage page(*m_service);
    page.show();
    bool stopped = false;
    m_service->stop(0, [&stopped] { stopped = true; });
    QTRY_VERIFY(stopped);
    QVERIFY(m_service->endpoint().isEmpty());
    page.refresh();
    for (const char *name : {"copyEndpoint", "copySetup", "configureClaudeCode"}) {
        auto *button = page.findChild<QPushButton *>(QLatin1String(name));
        QVERIFY(button);
        QVERIFY2(!button->isEnabled(), name);
        QVERIFY2(!button->toolTip().isEmpty(), name); // says why
    }
    const QString setup = page.findChild<QPlainTextEdit *>(QStringLiteral("clientSetup"))->toPlainText();
    QVERIFY2(!setup.contains(QLatin1String("ANTHROPIC_BASE_URL")), qPrintable(setup));
    QCOMPARE(page.health(), OverviewPage::Health::Unusable);
}

void TestOverview::stateSaysWhyInColour()
{
    OverviewPage page(*m_service);
    page.show();
    auto *detail = page.findChild<QLabel *>(QStringLiteral("stateDetail"));
    QVERIFY(detail);
    QCOMPARE(page.health(), OverviewPage::Health::Unusable); // no account yet
    QVERIFY(detail->isVisibleTo(&page));

    const QString a = addAccount(QStringLiteral("a"));
    const QString b = addAccount(QStringLiteral("b"));
    page.refresh();
    QCOMPARE(page.health(), OverviewPage::Health::Usable);
    QVERIFY(!detail->isVisibleTo(&page));

    m_service->accounts().pool().disable(a);
    page.refresh();
    QCOMPARE(page.health(), OverviewPage::Health::Degraded);
    QVERIFY(!m_service->accounts().unavailableSummary().isEmpty());
    QCOMPARE(detail->text(), m_service->accounts().unavailableSummary());

    m_service->accounts().pool().disable(b);
    page.refresh();
    QCOMPARE(page.health(), OverviewPage::Health::Unusable);
    QCOMPARE(detail->text(), m_service->accounts().unavailableSummary());
    // The colour is part of the line.
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("state"))->text().contains(QLatin1String("#d03a3a")));
}

void TestOverview::hourlyOutcomesByClockHour()
{
    RequestLog log(QString(), 100);
    const QDateTime now = QDateTime(QDate(2026, 11, 30), QTime(14, 37), Qt::LocalTime);
    const QDateTime start = RequestLog::hourStart(now);
    QCOMPARE(start, QDateTime(QDate(2026, 11, 30), QTime(14, 0), Qt::LocalTime));
    const auto add = [&log](const QDateTime &time, int status) {
        RequestLogRow row;
        row.id = QStringLiteral("r");
        row.time = time.toUTC();
        row.status = status;
        if (status >= 400)
            row.errorClass = QStringLiteral("api_error");
        log.add(row);
    };
    add(start, 200);                         // first moment of this hour
    add(now, 502);                           // this hour, failed
    add(start.addMSecs(-1), 200);            // last moment of the previous hour
    add(start.addSecs(-23 * 3600), 429);     // the oldest hour shown
    add(start.addSecs(-23 * 3600 - 1), 200); // too old
    const QList<RequestLog::HourOutcome> hours = log.hourlyOutcomes(now);
    QCOMPARE(hours.size(), 24);
    QCOMPARE(hours.at(23).requests, 2);
    QCOMPARE(hours.at(23).failed, 1);
    QCOMPARE(hours.at(22).requests, 1);
    QCOMPARE(hours.at(22).failed, 0);
    QCOMPARE(hours.at(0).requests, 1);
    QCOMPARE(hours.at(0).failed, 1);
    int total = 0;
    for (const auto &h : hours)
        total += h.requests;
    QCOMPARE(total, 4);
}

void TestOverview::chartStacksFailuresAndExplainsHours()
{
    const QDateTime last = QDateTime(QDate(2026, 11, 30), QTime(14, 0), Qt::LocalTime);
    QList<RequestLog::HourOutcome> hours(24);
    hours[23] = {12, 0};
    RequestChart chart;
    chart.resize(480, 160);
    chart.setHours(hours, last);
    const QImage withoutFailures = rendered(chart);
    hours[23] = {12, 6};
    chart.setHours(hours, last);
    const QImage withFailures = rendered(chart);
    // Half of the last bar turns red: more red pixels than the legend alone.
    const auto redPixels = [](const QImage &image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                n += image.pixelColor(x, y) == RequestChart::failureColour();
        }
        return n;
    };
    QVERIFY2(redPixels(withFailures) > redPixels(withoutFailures) + 100,
             qPrintable(QStringLiteral("%1 vs %2").arg(redPixels(withFailures)).arg(redPixels(withoutFailures))));
    // The tooltip names the clock hour and both numbers.
    const QString text = chart.hourText(23);
    QVERIFY2(text.contains(QLocale().toString(
                 QTime(14, 0), QLocale().timeFormat(QLocale::ShortFormat).remove(QStringLiteral(":ss")))),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("12")) && text.contains(QLatin1String("6 failed")), qPrintable(text));
    QCOMPARE(chart.hourText(22).isEmpty(), false);
    QVERIFY2(chart.accessibleDescription().contains(QLatin1String("6 failed")),
             qPrintable(chart.accessibleDescription()));
    QCOMPARE(chart.hourAt(chart.width() - 6), 23);
    QCOMPARE(chart.hourAt(6), 0);
    // The hour axis is drawn: an empty chart differs from one without labels only by them, so compare with a
    // chart that shows another day's hours.
    RequestChart shifted;
    shifted.resize(chart.size());
    shifted.setHours(hours, last.addSecs(3600));
    QVERIFY(rendered(shifted) != withFailures);
}

void TestOverview::configureAndRemoveClaudeCode()
{
    const QString path = ClaudeCodeSettings::path(m_home->path());
    QCOMPARE(ClaudeCodeConfig::settingsPath(), path);
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"model": "opus", "env": {"FOO": "bar"}})");
    }
    OverviewPage page(*m_service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto *configure = page.findChild<QPushButton *>(QStringLiteral("configureClaudeCode"));
    auto *remove = page.findChild<QPushButton *>(QStringLiteral("removeClaudeCode"));
    QVERIFY(configure && remove);
    QVERIFY(configure->isEnabled());
    QVERIFY(!remove->isEnabled()); // nothing of ours in the file yet

    configure->click();
    auto *dialog = openDialog(page);
    QVERIFY(dialog);
    // The diff shows the key masked, never in clear.
    const QString shown = labelTexts(*dialog);
    QVERIFY2(!shown.contains(kKey), qPrintable(shown));
    QVERIFY2(shown.contains(ClaudeCodeSettings::masked(kKey).toHtmlEscaped()), qPrintable(shown));
    QVERIFY(shown.contains(m_service->endpoint()));
    QCOMPARE(read(path), QByteArray(R"({"model": "opus", "env": {"FOO": "bar"}})")); // nothing written before OK
    dialog->findChild<QPushButton *>(QStringLiteral("confirm"))->click();

    const QJsonObject written = QJsonDocument::fromJson(read(path)).object();
    QCOMPARE(written.value(QStringLiteral("model")).toString(), QStringLiteral("opus"));
    const QJsonObject env = written.value(QStringLiteral("env")).toObject();
    QCOMPARE(env.value(QStringLiteral("FOO")).toString(), QStringLiteral("bar"));
    QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(), m_service->endpoint());
    QCOMPARE(env.value(QStringLiteral("ANTHROPIC_API_KEY")).toString(), kKey);
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList({QStringLiteral("settings.json.kiro-tray-*.bak")}).size(),
             1);
    QTRY_VERIFY(remove->isEnabled());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("claudeCodeState"))->text().contains(QLatin1String("now uses")));

    remove->click();
    auto *removal = openDialog(page);
    QVERIFY(removal);
    QVERIFY(removal != dialog);
    removal->findChild<QPushButton *>(QStringLiteral("confirm"))->click();
    const QJsonObject after = QJsonDocument::fromJson(read(path)).object();
    QCOMPARE(after, QJsonDocument::fromJson(R"({"model": "opus", "env": {"FOO": "bar"}})").object());
    QTRY_VERIFY(!remove->isEnabled());
}

void TestOverview::invalidClaudeSettingsRefused()
{
    const QString path = ClaudeCodeSettings::path(m_home->path());
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    const QByteArray broken = "{\n  \"model\": \"opus\",\n}\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(broken);
    }
    OverviewPage page(*m_service);
    page.show();
    page.findChild<QPushButton *>(QStringLiteral("configureClaudeCode"))->click();
    QVERIFY(!openDialog(page));
    auto *error = page.findChild<QMessageBox *>(QStringLiteral("claudeCodeError"));
    QVERIFY(error);
    QVERIFY2(error->text().contains(QLatin1String("line 3")), qPrintable(error->text()));
    QCOMPARE(read(path), broken);
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files).size(), 1); // no backup either
    QVERIFY(!page.findChild<QPushButton *>(QStringLiteral("removeClaudeCode"))->isEnabled());
}

void TestOverview::claudeStateFollowsEditsElsewhere()
{
    const QString path = ClaudeCodeSettings::path(m_home->path());
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    OverviewPage page(*m_service);
    page.show();
    auto *remove = page.findChild<QPushButton *>(QStringLiteral("removeClaudeCode"));
    QVERIFY(remove && !remove->isEnabled());
    // Another program (or the user's editor) points Claude Code here: the page notices without being shown again.
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, m_service->endpoint(), kKey);
    QVERIFY(plan.ok());
    QVERIFY(ClaudeCodeSettings::apply(path, plan.value()).ok());
    QTRY_VERIFY(remove->isEnabled());
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("claudeCodeState"))->text().contains(QLatin1String("uses this")));
}

void TestOverview::smallWindowScrolls()
{
    // At 800×500 (the page gets about 470 of it) the page scrolls instead of squeezing its boxes into each other.
    addAccount(QStringLiteral("a"));
    OverviewPage page(*m_service);
    page.resize(800, 470);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.size(), QSize(800, 470)); // the page does not force a larger window
    auto *scroll = page.findChild<QScrollArea *>(QStringLiteral("overviewScroll"));
    QVERIFY(scroll);
    QTRY_VERIFY(scroll->verticalScrollBar()->isVisible());
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    const QList<QGroupBox *> boxes = scroll->widget()->findChildren<QGroupBox *>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(boxes.size() >= 3);
    for (const QGroupBox *box : boxes) {
        if (!box->isVisible())
            continue;
        QVERIFY2(box->height() >= box->minimumSizeHint().height(), qPrintable(box->title()));
        for (const QGroupBox *other : boxes) {
            if (other != box && other->isVisible())
                QVERIFY2(!box->geometry().intersects(other->geometry()), qPrintable(box->title() + other->title()));
        }
    }
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
