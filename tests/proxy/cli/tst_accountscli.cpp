// SPDX-License-Identifier: MIT
// AccountsCli's pure parts: the command line, the table people read, naming an account, the man page; DataDirLock.
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cli/accountscli.h"
#include "cli/datadirlock.h"

namespace {
QJsonObject account(const QString &id, const QString &name, const QString &email = QString())
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("name"), name},
                       {QStringLiteral("email"), email},
                       {QStringLiteral("status_text"), QStringLiteral("active")},
                       {QStringLiteral("last_used_at"), QJsonValue()}};
}
} // namespace

class TestAccountsCli : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseValues();
    void table();
    void tableAlignsWideNames();
    void idWidth();
    void resolve_data();
    void resolve();
    void help();
    void manPage();
    void dataDirLock();
};

void TestAccountsCli::parse_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("error"); // a part of it; empty = accepted
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("positional");

    const QStringList none;
    QTest::newRow("no command") << none << QString() << QString() << none;
    QTest::newRow("list") << QStringList{"list"} << QString() << "list" << none;
    QTest::newRow("options before the command")
        << QStringList{"--json", "--data-dir", "/d", "list"} << QString() << "list" << none;
    QTest::newRow("import a file") << QStringList{"import", "a.json"} << QString() << "import" << QStringList{"a.json"};
    QTest::newRow("import stdin") << QStringList{"import", "-"} << QString() << "import" << QStringList{"-"};
    QTest::newRow("a file named like an option after --")
        << QStringList{"import", "--", "--odd.json"} << QString() << "import" << QStringList{"--odd.json"};
    QTest::newRow("import without a file") << QStringList{"import"} << "import needs FILE|-" << QString() << none;
    QTest::newRow("enable without an id") << QStringList{"enable"} << "enable needs ID" << QString() << none;
    QTest::newRow("usage all") << QStringList{"usage"} << QString() << "usage" << none;
    QTest::newRow("usage one") << QStringList{"usage", "abc"} << QString() << "usage" << QStringList{"abc"};
    QTest::newRow("usage two") << QStringList{"usage", "a", "b"} << "usage takes one argument" << QString() << none;
    QTest::newRow("list with an argument") << QStringList{"list", "x"} << "list takes no argument" << QString() << none;
    QTest::newRow("strategy set") << QStringList{"strategy", "random"} << QString() << "strategy"
                                  << QStringList{"random"};
    QTest::newRow("unknown command") << QStringList{"frob"} << "unknown command \"frob\"" << QString() << none;
    QTest::newRow("unknown option") << QStringList{"list", "--frob"} << "unknown option --frob" << QString() << none;
    QTest::newRow("unknown short option") << QStringList{"list", "-x"} << "unknown option -x" << QString() << none;
    QTest::newRow("a long option with one dash")
        << QStringList{"list", "-json"} << "unknown option -json" << QString() << none;
    QTest::newRow("--yes belongs to remove")
        << QStringList{"list", "--yes"} << "list takes no --yes" << QString() << none;
    QTest::newRow("remove -y") << QStringList{"remove", "-y", "abc"} << QString() << "remove" << QStringList{"abc"};
    QTest::newRow("missing value") << QStringList{"list", "--data-dir"} << "--data-dir needs a value" << QString()
                                   << none;
    QTest::newRow("value for a flag") << QStringList{"list", "--json=1"} << "--json takes no value" << QString()
                                      << none;
    QTest::newRow("bad port") << QStringList{"list", "--port", "80x"} << "--port must be a number" << QString() << none;
    QTest::newRow("port 0 cannot be reached")
        << QStringList{"list", "--port=0"} << "--port must be a number" << QString() << none;
    QTest::newRow("bad remote") << QStringList{"list", "--remote", "localhost:8990"} << "--remote needs a URL"
                                << QString() << none;
    QTest::newRow("direct and remote") << QStringList{"list", "--direct", "--remote", "http://127.0.0.1:1"}
                                       << "exclude each other" << QString() << none;
    QTest::newRow("help of a command") << QStringList{"help", "import"} << QString() << "import" << none;
    QTest::newRow("--help after a command") << QStringList{"remove", "--help"} << QString() << "remove" << none;
    QTest::newRow("help of nothing known") << QStringList{"help", "frob"} << "unknown command" << QString() << none;
}

void TestAccountsCli::parse()
{
    QFETCH(QStringList, args);
    QFETCH(QString, error);
    QFETCH(QString, command);
    QFETCH(QStringList, positional);
    const auto parsed = AccountsCli::parse(args);
    if (!error.isEmpty()) {
        QVERIFY2(!parsed, qPrintable(args.join(' ')));
        QVERIFY2(parsed.error().contains(error), qPrintable(parsed.error()));
        return;
    }
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error()));
    QCOMPARE(parsed->command, command);
    QCOMPARE(parsed->args, positional);
}

void TestAccountsCli::parseValues()
{
    const auto parsed = AccountsCli::parse({"--config=/c.json", "--data-dir", "/d", "--host", "0.0.0.0", "--port",
                                            "9001", "--json", "remove", "--yes", "abc"});
    QVERIFY(parsed);
    QCOMPARE(parsed->overrides.configPath, QStringLiteral("/c.json"));
    QCOMPARE(parsed->overrides.dataDir, QStringLiteral("/d"));
    QCOMPARE(parsed->overrides.host, QStringLiteral("0.0.0.0"));
    QCOMPARE(parsed->overrides.port, std::optional<int>(9001));
    QVERIFY(parsed->overrides.headless); // the data directory defaults as kiro-proxyd's
    QVERIFY(parsed->json);
    QVERIFY(parsed->yes);
    QVERIFY(!parsed->help);
    QVERIFY(AccountsCli::parse({"list", "-h"})->help);
}

void TestAccountsCli::table()
{
    QJsonObject a = account("0d4c7f3a-1111-4000-8000-000000000001", "alice");
    a.insert("quota", QJsonObject{{"limit", 1000}, {"used", 380.5}});
    a.insert("last_used_at", "2026-11-30T10:00:00Z");
    QJsonObject b = account("9a1e0c55-2222-4000-8000-000000000002", "bob-with-a-long-name");
    b.insert("status_text", "disabled (by you)");
    b.insert("quota", QJsonObject{{"limit", 50}, {"used", 60}});
    const QString text = AccountsCli::table({a, b});
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(0), QStringLiteral("NAME                  ID        STATE              QUOTA USED          "
                                         "LAST USED"));
    const QString lastUsed =
        QDateTime::fromString("2026-11-30T10:00:00Z", Qt::ISODate).toLocalTime().toString("yyyy-MM-dd HH:mm");
    QCOMPARE(lines.at(1),
             QStringLiteral("alice                 0d4c7f3a  active             380.5 / 1000 (38%)  ") + lastUsed);
    // Over the limit reads 100 %, not 120 %; no reading yet is "never".
    QCOMPARE(lines.at(2),
             QStringLiteral("bob-with-a-long-name  9a1e0c55  disabled (by you)  60 / 50 (100%)      never"));
    QVERIFY(!text.contains("  \n")); // no trailing blanks
    const QString unknown = AccountsCli::table({account("0d4c7f3a-1111-4000-8000-000000000001", "x")});
    QVERIFY(unknown.split('\n').at(1).contains("active  -           never"));
}

void TestAccountsCli::tableAlignsWideNames()
{
    const QString text = AccountsCli::table(
        {account("aaaaaaaa-1", QStringLiteral("张三的账号")), account("bbbbbbbb-2", QStringLiteral("ascii"))});
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    // Five CJK characters take ten columns: the id column starts at the same terminal column on every line.
    QCOMPARE(AccountsCli::displayWidth(QStringLiteral("张三的账号")), 10);
    QCOMPARE(AccountsCli::displayWidth(QStringLiteral("e\u0301")), 1); // a combining accent takes none
    const int column = AccountsCli::displayWidth(lines.at(0).left(lines.at(0).indexOf("ID")));
    QCOMPARE(AccountsCli::displayWidth(lines.at(1).left(lines.at(1).indexOf("aaaaaaaa"))), column);
    QCOMPARE(AccountsCli::displayWidth(lines.at(2).left(lines.at(2).indexOf("bbbbbbbb"))), column);
}

void TestAccountsCli::idWidth()
{
    QCOMPARE(AccountsCli::idWidth({account("0d4c7f3a-1", "a"), account("9a1e0c55-2", "b")}), 8);
    // Two ids that share their first eleven characters need twelve.
    QCOMPARE(AccountsCli::idWidth({account("0d4c7f3a-1234", "a"), account("0d4c7f3a-1299", "b")}), 12);
    QCOMPARE(AccountsCli::idWidth({}), 8);
}

void TestAccountsCli::resolve_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("id");    // empty: refused
    QTest::addColumn<QString>("error"); // a part of it

    QTest::newRow("whole id") << "0d4c7f3a-1111"
                              << "0d4c7f3a-1111" << QString();
    QTest::newRow("unique prefix") << "9a1e"
                                   << "9a1e0c55-2222" << QString();
    QTest::newRow("prefix, other case") << "9A1E0C"
                                        << "9a1e0c55-2222" << QString();
    QTest::newRow("shared prefix") << "0d4c" << QString() << "names 2 accounts";
    QTest::newRow("too short a prefix") << "9a1" << QString() << "no account is \"9a1\"";
    QTest::newRow("name, any case") << "ALICE"
                                    << "0d4c7f3a-1111" << QString();
    QTest::newRow("e-mail") << "bob@example.com"
                            << "9a1e0c55-2222" << QString();
    QTest::newRow("a name two accounts share") << "twin" << QString() << "give the id";
    QTest::newRow("nothing") << "nobody" << QString() << "no account is \"nobody\"";
    // An id wins over a name that happens to be the same text.
    QTest::newRow("id before name") << "0d4c7f3a-2222"
                                    << "0d4c7f3a-2222" << QString();
}

void TestAccountsCli::resolve()
{
    QFETCH(QString, query);
    QFETCH(QString, id);
    QFETCH(QString, error);
    const QJsonArray accounts = {account("0d4c7f3a-1111", "alice"), account("9a1e0c55-2222", "bob", "bob@example.com"),
                                 account("0d4c7f3a-2222", "twin"), account("77777777-3333", "twin"),
                                 account("88888888-4444", "0d4c7f3a-2222")};
    QString why;
    QCOMPARE(AccountsCli::resolve(accounts, query, &why), id);
    if (!error.isEmpty())
        QVERIFY2(why.contains(error), qPrintable(why));
}

void TestAccountsCli::help()
{
    const QString overview = AccountsCli::help();
    for (const AccountsCli::Command &c : AccountsCli::commands()) {
        QVERIFY2(overview.contains(QStringLiteral("\n  ") + c.name), qPrintable(c.name));
        const QString one = AccountsCli::help(c.name);
        QVERIFY(one.startsWith(QStringLiteral("Usage: kiro-proxyd accounts ") + c.name));
        QVERIFY(one.contains("Exit status:\n  0  success"));
        QCOMPARE(one.contains("--yes"), c.name == QLatin1String("remove"));
        for (const QString &line : one.split('\n'))
            QVERIFY2(line.size() <= 100, qPrintable(line));
    }
    QCOMPARE(AccountsCli::strategyNames(), QStringList({"round-robin", "random", "least-used", "sequential-exhaust"}));
}

void TestAccountsCli::manPage()
{
    ManPageSource source;
    source.version = "1.2.3";
    source.date = "2026-12-01";
    source.daemonSummary = "First paragraph.\n\n.starts with a dot\\n\n\nWith --json or -y (well-known [-q]).";
    source.daemonOptions = {{"data-dir", "dir", "Data directory."}};
    source.environment = {"DATA_DIR|the data directory"};
    const QString page = AccountsCli::manPage(source);
    QVERIFY(page.contains(".TH KIRO\\-PROXYD 1 \"2026-12-01\" \"kiro-proxyd 1.2.3\""));
    QVERIFY(page.contains(".SH NAME\nkiro\\-proxyd \\- "));
    QVERIFY(page.contains("\\fB\\-\\-data\\-dir\\fR \\fIdir\\fR"));
    QVERIFY(page.contains("\\&.starts with a dot\\en")); // text never becomes a request or an escape
    QVERIFY(
        page.contains("With \\-\\-json or \\-y (well-known [\\-q]).")); // options are minus signs, words keep hyphens
    for (const AccountsCli::Command &c : AccountsCli::commands())
        QVERIFY2(page.contains(".TP\n\\fB" + c.name + "\\fR"), qPrintable(c.name));
    for (const QString &line : page.split('\n')) {
        QVERIFY2(!line.trimmed().isEmpty() || line.isEmpty(), "no blank-looking lines");
        QVERIFY2(!line.startsWith('\''), qPrintable(line));
    }
    QVERIFY(!page.contains("\n\n")); // an empty line is a break in roff: paragraphs are .PP
}

void TestAccountsCli::dataDirLock()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    DataDirLock first(dir.path());
    QVERIFY(first.tryLock("kiro-proxyd"));
    DataDirLock second(dir.path());
    QVERIFY(!second.tryLock("kiro-proxyd accounts"));
    QVERIFY(second.holder().has_value());
    QCOMPARE(second.holder()->pid, QCoreApplication::applicationPid());
    QCOMPARE(second.holder()->program, QStringLiteral("kiro-proxyd"));
    QCOMPARE(DataDirLock::describe(*second.holder()),
             QStringLiteral("kiro-proxyd (pid %1)").arg(QCoreApplication::applicationPid()));
    QCOMPARE(QFile::permissions(first.path()) & 0x0077, QFileDevice::Permissions()); // nobody else reads it
    QVERIFY(second.holder()->address.isEmpty());                                     // not listening yet
    first.announce(QStringLiteral("http://127.0.0.1:43210"));
    QVERIFY(!second.tryLock("kiro-proxyd accounts"));
    QCOMPARE(second.holder()->address, QStringLiteral("http://127.0.0.1:43210"));
    QCOMPARE(second.holder()->program, QStringLiteral("kiro-proxyd"));
    QCOMPARE(second.holder()->pid, QCoreApplication::applicationPid());
    first.unlock();
    QCOMPARE(QFileInfo(first.path()).size(), 0); // the words go with the lock
    QVERIFY(second.tryLock("kiro-proxyd accounts"));
    QVERIFY(!DataDirLock::trayHolder(dir.path()).has_value());
}

QTEST_GUILESS_MAIN(TestAccountsCli)
#include "tst_accountscli.moc"
