// SPDX-License-Identifier: MIT
// Tests ClaudeCodeSettings: the merge keeps every other member, remove takes out only our own values, invalid files
// are refused and never written, the backup holds the old bytes, the mode is kept (0600 for a new file).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "config/claudecodesettings.h"

namespace {
const QString kEndpoint = QStringLiteral("http://127.0.0.1:8787");
const QString kKey = QStringLiteral("kt-abcdefghijklmnopqrstuvwxyz1234");

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QStringList backups(const QString &path)
{
    const QFileInfo info(path);
    return info.dir().entryList({info.fileName() + QStringLiteral(".kiro-tray-*.bak")}, QDir::Files);
}
} // namespace

class TestClaudeCodeSettings : public QObject
{
    Q_OBJECT

private slots:
    void configureMerges_data();
    void configureMerges();
    void configureTwiceChangesNothing();
    void removeTakesOnlyOurValues_data();
    void removeTakesOnlyOurValues();
    void invalidFilesAreRefused_data();
    void invalidFilesAreRefused();
    void applyKeepsBackupAndMode();
    void applyCreatesPrivateFile();
    void applyRefusesAFileChangedSincePlan();
    void applyFollowsSymlink();
    void masked_data();
    void masked();
};

void TestClaudeCodeSettings::configureMerges_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<int>("changes");
    QTest::newRow("no file") << QByteArray() << 2;
    QTest::newRow("blank file") << QByteArray("  \n") << 2;
    QTest::newRow("other keys") << QByteArray(R"j({"model":"opus","permissions":{"allow":["Bash(ls:*)"]},)j"
                                              R"("n":12345678901,"env":{"FOO":"bar"}})")
                                << 2;
    QTest::newRow("old endpoint") << QByteArray(R"({"env":{"ANTHROPIC_BASE_URL":"http://127.0.0.1:1",)"
                                                R"("ANTHROPIC_API_KEY":")" +
                                                kKey.toUtf8() + R"(","X":1}})")
                                  << 1;
}

void TestClaudeCodeSettings::configureMerges()
{
    QFETCH(QByteArray, before);
    QFETCH(int, changes);
    const auto plan = ClaudeCodeSettings::planConfigure(before, !before.isEmpty(), kEndpoint, kKey);
    QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error()));
    QCOMPARE(plan->changes.size(), changes);
    QJsonObject after = object(plan->updated);
    QJsonObject env = after.value(QStringLiteral("env")).toObject();
    QCOMPARE(env.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(), kEndpoint);
    QCOMPARE(env.value(QStringLiteral("ANTHROPIC_API_KEY")).toString(), kKey);
    // Everything else is what it was.
    QJsonObject expected = object(before);
    QJsonObject expectedEnv = expected.value(QStringLiteral("env")).toObject();
    expectedEnv.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
    expectedEnv.remove(QStringLiteral("ANTHROPIC_API_KEY"));
    env.remove(QStringLiteral("ANTHROPIC_BASE_URL"));
    env.remove(QStringLiteral("ANTHROPIC_API_KEY"));
    QCOMPARE(env, expectedEnv);
    after.remove(QStringLiteral("env"));
    expected.remove(QStringLiteral("env"));
    QCOMPARE(after, expected);
    if (!before.isEmpty() && expected.contains(QStringLiteral("n")))
        QCOMPARE(after.value(QStringLiteral("n")).toInteger(), Q_INT64_C(12345678901));
}

void TestClaudeCodeSettings::configureTwiceChangesNothing()
{
    const auto first = ClaudeCodeSettings::planConfigure(QByteArray(), false, kEndpoint, kKey);
    QVERIFY(first.ok());
    const auto second = ClaudeCodeSettings::planConfigure(first->updated, true, kEndpoint, kKey);
    QVERIFY(second.ok());
    QVERIFY(second->changes.isEmpty());
    QCOMPARE(second->updated, first->updated);
}

void TestClaudeCodeSettings::removeTakesOnlyOurValues_data()
{
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QByteArray>("after");
    const QByteArray ours =
        R"("ANTHROPIC_BASE_URL":"http://127.0.0.1:8787","ANTHROPIC_API_KEY":")" + kKey.toUtf8() + R"(")";
    QTest::newRow("both ours, other env kept")
        << QByteArray(R"({"a":1,"env":{"FOO":"bar",)" + ours + "}}")
        << QStringList{QStringLiteral("ANTHROPIC_BASE_URL"), QStringLiteral("ANTHROPIC_API_KEY")}
        << QByteArray(R"({"a":1,"env":{"FOO":"bar"}})");
    QTest::newRow("both ours, env goes when empty")
        << QByteArray(R"({"a":1,"env":{)" + ours + "}}")
        << QStringList{QStringLiteral("ANTHROPIC_BASE_URL"), QStringLiteral("ANTHROPIC_API_KEY")}
        << QByteArray(R"({"a":1})");
    QTest::newRow("user changed the url")
        << QByteArray(R"({"env":{"ANTHROPIC_BASE_URL":"https://api.anthropic.com","ANTHROPIC_API_KEY":")" +
                      kKey.toUtf8() + R"("}})")
        << QStringList{QStringLiteral("ANTHROPIC_API_KEY")}
        << QByteArray(R"({"env":{"ANTHROPIC_BASE_URL":"https://api.anthropic.com"}})");
    QTest::newRow("none ours") << QByteArray(R"({"env":{"ANTHROPIC_API_KEY":"sk-ant-other"}})") << QStringList()
                               << QByteArray(R"({"env":{"ANTHROPIC_API_KEY":"sk-ant-other"}})");
}

void TestClaudeCodeSettings::removeTakesOnlyOurValues()
{
    QFETCH(QByteArray, before);
    QFETCH(QStringList, removed);
    QFETCH(QByteArray, after);
    const auto plan = ClaudeCodeSettings::planRemove(before, true, kEndpoint, kKey);
    QVERIFY(plan.ok());
    QStringList keys;
    for (const auto &c : plan->changes) {
        QVERIFY(c.had && !c.has);
        keys << c.key;
    }
    QCOMPARE(keys, removed);
    QCOMPARE(object(plan->updated), object(after));
    if (removed.isEmpty())
        QCOMPARE(plan->updated, before); // nothing to do: not even reformatted
}

void TestClaudeCodeSettings::invalidFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("trailing comma") << QByteArray("{\n  \"model\": \"opus\",\n}\n");
    QTest::newRow("truncated") << QByteArray(R"({"env": {"FOO": "ba)");
    QTest::newRow("array") << QByteArray("[1, 2]");
    QTest::newRow("env is a string") << QByteArray(R"({"env": "FOO=bar"})");
}

void TestClaudeCodeSettings::invalidFilesAreRefused()
{
    QFETCH(QByteArray, content);
    QTemporaryDir home;
    const QString path = ClaudeCodeSettings::path(home.path());
    write(path, content);
    const auto configure = ClaudeCodeSettings::readAndPlanConfigure(path, kEndpoint, kKey);
    QVERIFY(!configure.ok());
    QVERIFY(!configure.error().isEmpty());
    QVERIFY(!ClaudeCodeSettings::readAndPlanRemove(path, kEndpoint, kKey).ok());
    QVERIFY(!ClaudeCodeSettings::isConfigured(path, kEndpoint, kKey));
    QCOMPARE(read(path), content);
    QVERIFY(backups(path).isEmpty());
}

void TestClaudeCodeSettings::applyKeepsBackupAndMode()
{
    QTemporaryDir home;
    const QString path = ClaudeCodeSettings::path(home.path());
    const QByteArray before = "{\n    \"model\": \"opus\"\n}\n";
    write(path, before);
    const auto mode = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                      QFileDevice::ReadOther | QFileDevice::ReadUser | QFileDevice::WriteUser;
    QVERIFY(QFile::setPermissions(path, mode));
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, kEndpoint, kKey);
    QVERIFY(plan.ok());
    const auto applied = ClaudeCodeSettings::apply(path, plan.value());
    QVERIFY2(applied.ok(), applied.ok() ? "" : qPrintable(applied.error()));
    QVERIFY(!applied->isEmpty());
    QCOMPARE(read(applied.value()), before);
    QCOMPARE(backups(path).size(), 1);
    QCOMPARE(read(path), plan->updated);
    // While it holds the key, only its owner reads it; the backup (no key in it) is private too.
    const auto ownerOnly =
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser;
    QCOMPARE(QFile::permissions(path), ownerOnly);
    QCOMPARE(QFile::permissions(applied.value()), ownerOnly);
    QVERIFY(ClaudeCodeSettings::isConfigured(path, kEndpoint, kKey));

    // Remove brings back what was there (semantically), with a second backup. With no key left in the file, it keeps
    // the mode its owner gives it.
    QVERIFY(QFile::setPermissions(path, mode));
    const auto undo = ClaudeCodeSettings::readAndPlanRemove(path, kEndpoint, kKey);
    QVERIFY(undo.ok());
    QCOMPARE(undo->changes.size(), 2);
    QVERIFY(ClaudeCodeSettings::apply(path, undo.value()).ok());
    QCOMPARE(QFile::permissions(path), mode); // no key in it: the owner's mode stays
    QCOMPARE(object(read(path)), object(before));
    QCOMPARE(backups(path).size(), 2);
    QVERIFY(!ClaudeCodeSettings::isConfigured(path, kEndpoint, kKey));
}

void TestClaudeCodeSettings::applyCreatesPrivateFile()
{
    QTemporaryDir home;
    const QString path = ClaudeCodeSettings::path(home.path());
    QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, kEndpoint, kKey);
    QVERIFY(plan.ok());
    QVERIFY(!plan->existed);
    const auto applied = ClaudeCodeSettings::apply(path, plan.value());
    QVERIFY(applied.ok());
    QVERIFY(applied->isEmpty()); // nothing to back up
    // 0600 (the "User" bits are the owner's, seen by the owner).
    QCOMPARE(QFile::permissions(path),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    QCOMPARE(object(read(path)).value(QStringLiteral("env")).toObject().value(QStringLiteral("ANTHROPIC_API_KEY")),
             QJsonValue(kKey));
    QVERIFY(backups(path).isEmpty());
}

void TestClaudeCodeSettings::applyRefusesAFileChangedSincePlan()
{
    QTemporaryDir home;
    const QString path = ClaudeCodeSettings::path(home.path());
    write(path, R"({"a":1})");
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, kEndpoint, kKey);
    QVERIFY(plan.ok());
    write(path, R"({"a":2})");
    QVERIFY(!ClaudeCodeSettings::apply(path, plan.value()).ok());
    QCOMPARE(read(path), QByteArray(R"({"a":2})"));
    QVERIFY(backups(path).isEmpty());
}

void TestClaudeCodeSettings::applyFollowsSymlink()
{
    QTemporaryDir home;
    const QString real = home.filePath(QStringLiteral("dotfiles/claude-settings.json"));
    write(real, R"({"a":1})");
    const QString path = ClaudeCodeSettings::path(home.path());
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QVERIFY(QFile::link(real, path));
    const auto plan = ClaudeCodeSettings::readAndPlanConfigure(path, kEndpoint, kKey);
    QVERIFY(plan.ok());
    QVERIFY(ClaudeCodeSettings::apply(path, plan.value()).ok());
    QVERIFY(QFileInfo(path).isSymLink());
    QCOMPARE(object(read(real)).value(QStringLiteral("a")).toInt(), 1);
    QVERIFY(object(read(real)).contains(QStringLiteral("env")));
}

void TestClaudeCodeSettings::masked_data()
{
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("shown");
    const QString dots(8, QChar(0x2022));
    QTest::newRow("our key") << kKey << QStringLiteral("kt-") + dots + QStringLiteral("1234");
    QTest::newRow("no prefix") << QStringLiteral("abcdefghijklmnop") << dots + QStringLiteral("mnop");
    QTest::newRow("short") << QStringLiteral("abc") << dots;
    QTest::newRow("empty") << QString() << QString();
}

void TestClaudeCodeSettings::masked()
{
    QFETCH(QString, secret);
    QFETCH(QString, shown);
    QCOMPARE(ClaudeCodeSettings::masked(secret), shown);
}

QTEST_GUILESS_MAIN(TestClaudeCodeSettings)
#include "tst_claudecodesettings.moc"
