// SPDX-License-Identifier: MIT
// ImportDialog: a file opened or dropped (on the dialog and on its text), rows coloured by outcome with their full
// text, plain words instead of jargon, and an account whose quota is already used up; against the fake Kiro upstream.
#include <QApplication>
#include <QDialogButtonBox>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUrl>

#include "accounts/accountpool.h"
#include "accounts/accountservice.h"
#include "config/config.h"
#include "importdialog.h"
#include "proxyservice.h"
#include "servicefixture.h"
#include "testfixtures.h"
#include "uistate.h"

using Outcome = ImportDialog::Outcome;

class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void saysWhereToFindExports();
    void importsFromAFile();
    void importsADroppedFile_data();
    void importsADroppedFile();
    void ignoresADropThatIsNotAFile();
    void rowsColouredByOutcome();
    void plainWords();
    void reportsAnAccountWithoutQuota();

private:
    QString writeFile(const QString &name, const QString &text);
    QString addAccount(const QString &name, const QString &token);
    ServiceFixture m_env;
    QTemporaryDir *const &m_dir = m_env.dir();
    ProxyService *const &m_service = m_env.service();
    QString m_fakeUrl;
};

namespace {
QString token(const QString &prefix)
{
    return prefix + QString(120, QLatin1Char('x'));
}

QTreeWidget *list(const ImportDialog &dialog)
{
    return dialog.findChild<QTreeWidget *>(QStringLiteral("candidates"));
}

QPushButton *importButton(const ImportDialog &dialog)
{
    auto *box = dialog.findChild<QDialogButtonBox *>();
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == QDialogButtonBox::AcceptRole)
            return qobject_cast<QPushButton *>(button);
    }
    return nullptr;
}

Outcome outcomeOf(const QTreeWidgetItem *item)
{
    return item->data(0, ImportDialog::OutcomeRole).value<Outcome>();
}

/// The row's tint, as a hue family: what a user sees.
QString tint(const QTreeWidgetItem *item)
{
    const QVariant background = item->data(0, Qt::BackgroundRole);
    if (!background.isValid())
        return QStringLiteral("none");
    const QColor c = background.value<QBrush>().color();
    if (c.green() > c.red() && c.green() > c.blue())
        return QStringLiteral("green");
    if (c.red() > c.green() && c.green() > c.blue() && c.green() - c.blue() > 8)
        return QStringLiteral("amber");
    if (c.red() > c.green() && c.red() > c.blue())
        return QStringLiteral("red");
    return QStringLiteral("other");
}

/// Sends a drag with `mime` over `target` and drops it, as a window system would.
bool drop(QWidget *target, QMimeData *mime)
{
    const QPoint at(target->width() / 2, target->height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent dropped(QPointF(at), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &dropped);
    return dropped.isAccepted();
}
} // namespace

void TestImportDialog::initTestCase()
{
    const QString why = m_env.startFake();
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_fakeUrl = m_env.fakeUrl();
}

void TestImportDialog::init()
{
    UiState::setFile(QString());
    const QString why = m_env.startService(QStringLiteral("import-test-key"));
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestImportDialog::cleanup()
{
    m_env.stopService();
}

QString TestImportDialog::writeFile(const QString &name, const QString &text)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text.toUtf8());
    return path;
}

QString TestImportDialog::addAccount(const QString &name, const QString &refreshToken)
{
    return TestFixtures::addAccount(*m_service, name, refreshToken);
}

void TestImportDialog::saysWhereToFindExports()
{
    ImportDialog dialog(*m_service);
    auto *where = dialog.findChild<QLabel *>(QStringLiteral("whereToFind"));
    QVERIFY(where);
    QVERIFY2(where->text().contains(QLatin1String("~/.aws/sso/cache/kiro-auth-token.json")), qPrintable(where->text()));
    QVERIFY(where->text().contains(QLatin1String("accounts.json")));
}

void TestImportDialog::importsFromAFile()
{
    const QString path = writeFile(
        QStringLiteral("export.json"),
        QStringLiteral(R"([{"email":"file@example.com","refreshToken":"%1"}])").arg(token(QStringLiteral("file-"))));
    ImportDialog dialog(*m_service);
    QVERIFY(dialog.loadFile(path));
    QCOMPARE(list(dialog)->topLevelItemCount(), 1);
    QCOMPARE(list(dialog)->topLevelItem(0)->text(0), QStringLiteral("file@example.com"));
    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("summary"));
    QVERIFY2(summary->text().contains(QLatin1String("export.json")), qPrintable(summary->text()));
    QVERIFY(importButton(dialog)->isEnabled());
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    importButton(dialog)->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    QCOMPARE(m_service->accounts().pool().size(), 1);
    // A file that cannot be read says so and changes nothing.
    QVERIFY(!dialog.loadFile(m_dir->filePath(QStringLiteral("missing.json"))));
    QVERIFY2(summary->text().contains(QLatin1String("missing.json")), qPrintable(summary->text()));
}

void TestImportDialog::importsADroppedFile_data()
{
    QTest::addColumn<bool>("onText");
    QTest::newRow("on the dialog") << false;
    QTest::newRow("on the text area") << true;
}

void TestImportDialog::importsADroppedFile()
{
    QFETCH(bool, onText);
    const QString path = writeFile(
        QStringLiteral("dropped.json"),
        QStringLiteral(R"({"email":"drop@example.com","refreshToken":"%1"})").arg(token(QStringLiteral("drop-"))));
    ImportDialog dialog(*m_service);
    dialog.resize(700, 500);
    auto *text = dialog.findChild<QPlainTextEdit *>();
    QWidget *target = onText ? text->viewport() : static_cast<QWidget *>(&dialog);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QVERIFY(drop(target, &mime));
    // The file's contents, not its path, are what the dialog reads.
    QVERIFY2(text->toPlainText().contains(QLatin1String("drop@example.com")), qPrintable(text->toPlainText()));
    QCOMPARE(list(dialog)->topLevelItemCount(), 1);
    QCOMPARE(outcomeOf(list(dialog)->topLevelItem(0)), Outcome::Ready);
}

void TestImportDialog::ignoresADropThatIsNotAFile()
{
    ImportDialog dialog(*m_service);
    QMimeData mime;
    mime.setUrls({QUrl(QStringLiteral("https://example.com/export.json"))});
    QVERIFY(!drop(&dialog, &mime));
    QCOMPARE(list(dialog)->topLevelItemCount(), 0);
}

void TestImportDialog::rowsColouredByOutcome()
{
    addAccount(QStringLiteral("existing"), token(QStringLiteral("dup-")));
    ImportDialog dialog(*m_service);
    auto *text = dialog.findChild<QPlainTextEdit *>();
    text->setPlainText(
        QStringLiteral(R"([{"email":"good@example.com","refreshToken":"%1"},
                                          {"email":"dup@example.com","refreshToken":"%2"},
                                          {"email":"short@example.com","refreshToken":"abc"},
                                          {"email":"bad@example.com","refreshToken":"%3"}])")
            .arg(token(QStringLiteral("good-")), token(QStringLiteral("dup-")), token(QStringLiteral("invalid-"))));
    QTRY_COMPARE(list(dialog)->topLevelItemCount(), 4);
    QTreeWidget *rows = list(dialog);
    QCOMPARE(outcomeOf(rows->topLevelItem(0)), Outcome::Ready);
    QCOMPARE(tint(rows->topLevelItem(0)), QStringLiteral("amber"));
    QCOMPARE(outcomeOf(rows->topLevelItem(1)), Outcome::Skipped);
    QCOMPARE(tint(rows->topLevelItem(1)), QStringLiteral("none"));
    QCOMPARE(rows->topLevelItem(1)->foreground(0).color(), rows->palette().color(QPalette::Disabled, QPalette::Text));
    QCOMPARE(outcomeOf(rows->topLevelItem(2)), Outcome::Failed);
    QCOMPARE(tint(rows->topLevelItem(2)), QStringLiteral("red"));
    QCOMPARE(outcomeOf(rows->topLevelItem(3)), Outcome::Ready);

    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    importButton(dialog)->click();
    QCOMPARE(outcomeOf(rows->topLevelItem(0)), Outcome::Checking);
    QCOMPARE(tint(rows->topLevelItem(0)), QStringLiteral("amber"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(outcomeOf(rows->topLevelItem(0)), Outcome::Added);
    QCOMPARE(tint(rows->topLevelItem(0)), QStringLiteral("green"));
    QCOMPARE(outcomeOf(rows->topLevelItem(3)), Outcome::Failed);
    QCOMPARE(tint(rows->topLevelItem(3)), QStringLiteral("red"));
    // The whole error, in the tooltip and in the details line once the row is chosen.
    const QString error = rows->topLevelItem(3)->text(2);
    QVERIFY2(error.contains(QLatin1String("invalid_grant")), qPrintable(error));
    QCOMPARE(rows->topLevelItem(3)->toolTip(2), error);
    QCOMPARE(rows->topLevelItem(3)->toolTip(0), error);
    rows->setCurrentItem(rows->topLevelItem(3));
    auto *details = dialog.findChild<QLabel *>(QStringLiteral("details"));
    QVERIFY(details && !details->isHidden());
    QVERIFY2(details->text().contains(error), qPrintable(details->text()));
}

void TestImportDialog::plainWords()
{
    ImportDialog dialog(*m_service);
    auto *text = dialog.findChild<QPlainTextEdit *>();
    text->setPlainText(QStringLiteral(R"([{"email":"a@example.com"},
                                          {"email":"b@example.com","provider":"BuilderId","refreshToken":"%1"},
                                          {"email":"c@example.com","provider":"Github","refreshToken":"%1"},
                                          {"email":"d@example.com","authMethod":"saml","refreshToken":"%2"}])")
                           .arg(token(QStringLiteral("p-")), token(QStringLiteral("q-"))));
    QTRY_COMPARE(list(dialog)->topLevelItemCount(), 4);
    QTreeWidget *rows = list(dialog);
    QCOMPARE(rows->topLevelItem(0)->text(1), QStringLiteral("GitHub/Google sign-in"));
    QCOMPARE(rows->topLevelItem(0)->text(2),
             QStringLiteral("This entry has no refresh token — export it again from Kiro."));
    QCOMPARE(rows->topLevelItem(1)->text(1), QStringLiteral("AWS Builder ID"));
    QVERIFY2(rows->topLevelItem(1)->text(2).contains(QLatin1String("lacks its clientId and clientSecret")),
             qPrintable(rows->topLevelItem(1)->text(2)));
    QCOMPARE(rows->topLevelItem(2)->text(1), QStringLiteral("GitHub sign-in"));
    QVERIFY2(rows->topLevelItem(3)->text(2).contains(QStringLiteral("Unknown sign-in type “saml”")),
             qPrintable(rows->topLevelItem(3)->text(2)));
    for (int i = 0; i < rows->topLevelItemCount(); ++i) {
        for (const char *jargon : {"IdC", "Social", "refreshToken missing", "auth method"})
            QVERIFY2(!rows->topLevelItem(i)->text(1).contains(QLatin1String(jargon)) &&
                         !rows->topLevelItem(i)->text(2).contains(QLatin1String(jargon)),
                     jargon);
    }
}

void TestImportDialog::reportsAnAccountWithoutQuota()
{
    ImportDialog dialog(*m_service);
    dialog.findChild<QPlainTextEdit *>()->setPlainText(
        QStringLiteral(R"([{"email":"spent@example.com","refreshToken":"%1"}])").arg(token(QStringLiteral("quota-"))));
    QTRY_VERIFY(importButton(dialog)->isEnabled());
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    importButton(dialog)->click();
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().at(0).toInt(), 1); // added all the same: the quota comes back next month
    QCOMPARE(m_service->accounts().pool().size(), 1);
    QTreeWidgetItem *row = list(dialog)->topLevelItem(0);
    QCOMPARE(outcomeOf(row), Outcome::UsedUp);
    QCOMPARE(tint(row), QStringLiteral("amber"));
    // The fake resets on 1 December 2026 (UTC); the date is written the way the locale writes dates.
    const QDateTime reset = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC).toLocalTime();
    QCOMPARE(row->text(2), QStringLiteral("added — but its monthly quota is already used up (resets %1)")
                               .arg(QLocale().toString(reset.date(), QLocale::LongFormat)));
    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("summary"));
    QVERIFY2(summary->text().contains(QLatin1String("no quota left")), qPrintable(summary->text()));
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
