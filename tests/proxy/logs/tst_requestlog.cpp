// SPDX-License-Identifier: MIT
// Tests RequestLog (ring, JSONL persistence, trimming, corrupt lines, export) and UsageStatistics (survives both).
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "common/jsonnumber.h"
#include "common/redactor.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"

class TestRequestLog : public QObject
{
    Q_OBJECT

private slots:
    void ringNewestFirst();
    void inFlightFromStartToRow();
    void persistsAndTrims();
    void corruptLinesSkipped();
    void hugeNumbersClamped();
    void tornLastLineSkipped();
    void exportJsonl();
    void statisticsSurviveTrimAndRestart();
    void errorTextIsScrubbed();
};

static RequestLogRow row(int i, int status = 200)
{
    RequestLogRow r;
    r.id = QStringLiteral("req_%1").arg(i);
    r.time = QDateTime::currentDateTimeUtc();
    r.accountId = QStringLiteral("acc");
    r.status = status;
    r.inputTokens = 10;
    r.outputTokens = 2;
    r.hops = {{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("HTTP 429")}};
    return r;
}

void TestRequestLog::ringNewestFirst()
{
    RequestLog log(QString(), 10);
    for (int i = 0; i < 25; ++i)
        log.add(row(i));
    QCOMPARE(log.rows().size(), 10);
    QCOMPARE(log.rows().first().id, QStringLiteral("req_24"));
    QCOMPARE(log.rows().last().id, QStringLiteral("req_15"));
    QCOMPARE(log.hourly().last(), 10);
}

void TestRequestLog::inFlightFromStartToRow()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    RequestLog log(path, 10);
    QSignalSpy started(&log, &RequestLog::inFlightStarted);
    QSignalSpy changed(&log, &RequestLog::inFlightChanged);
    QSignalSpy abandoned(&log, &RequestLog::inFlightAbandoned);
    QSignalSpy added(&log, &RequestLog::rowAdded);
    log.begin({QStringLiteral("req_1"), QDateTime::currentDateTimeUtc(), QStringLiteral("m"), true, {}, {}});
    log.begin({QStringLiteral("req_2"), QDateTime::currentDateTimeUtc(), QStringLiteral("m"), false, {}, {}});
    QCOMPARE(started.count(), 2);
    QCOMPARE(log.inFlightCount(), 2);
    QVERIFY(log.rows().isEmpty()); // nothing is logged (or written) until a request ends
    QVERIFY(!QFile::exists(path));

    log.setInFlightAccount(QStringLiteral("req_1"), QStringLiteral("a1"), QStringLiteral("Account 1"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(log.inFlight().value(QStringLiteral("req_1")).accountName, QStringLiteral("Account 1"));
    log.setInFlightAccount(QStringLiteral("req_unknown"), QStringLiteral("a1"), QStringLiteral("Account 1"));
    QCOMPARE(changed.count(), 1);

    log.add(row(1)); // its row ends it
    QCOMPARE(log.inFlightCount(), 1);
    QVERIFY(!log.inFlight().contains(QStringLiteral("req_1")));
    QCOMPARE(added.count(), 1);
    log.clear(); // clears rows, not requests still running
    QCOMPARE(log.inFlightCount(), 1);
    log.abandon(QStringLiteral("req_2"));
    log.abandon(QStringLiteral("req_2"));
    QCOMPARE(abandoned.count(), 1);
    QCOMPARE(log.inFlightCount(), 0);
    QVERIFY(log.rows().isEmpty());
}

void TestRequestLog::persistsAndTrims()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    {
        RequestLog log(path, 20);
        for (int i = 0; i < 100; ++i)
            log.add(row(i, i % 10 == 0 ? 502 : 200));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const int lines = int(f.readAll().count('\n'));
    QVERIFY2(lines <= 20 + 20 / 2 + 10 + 1, qPrintable(QString::number(lines))); // trimmed with a bounded margin
    RequestLog reopened(path, 20);
    QCOMPARE(reopened.rows().size(), 20);
    QCOMPARE(reopened.rows().first().id, QStringLiteral("req_99"));
    QCOMPARE(reopened.rows().first().hops.first().error, QStringLiteral("HTTP 429"));
}

void TestRequestLog::corruptLinesSkipped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    {
        RequestLog log(path, 50);
        log.add(row(1));
        log.add(row(2));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write("{broken line\n");
    f.close();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("skipped 1 unreadable line")));
    RequestLog reopened(path, 50);
    QCOMPARE(reopened.rows().size(), 2);
}

// A hand-edited or damaged file may hold any JSON number: 1e300 tokens must not be a double-to-integer overflow
// (undefined behaviour, caught by UBSan in the sanitizer build).
void TestRequestLog::hugeNumbersClamped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // Stamped now: the statistics below count today's rows only.
    const QByteArray now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8();
    f.write(R"({"id":"req_1","timestamp":")" + now +
            R"(","status":200,"input_tokens":1e300,)"
            R"("output_tokens":-1e300,"duration_ms":1e19,"ttfb_ms":-1e300})"
            "\n");
    f.close();
    RequestLog log(path, 50);
    QCOMPARE(log.rows().size(), 1);
    QCOMPARE(log.rows().first().inputTokens, JsonNumber::kMaxExactInteger);
    QCOMPARE(log.rows().first().outputTokens, qint64(0));
    UsageStatistics stats{QString()};
    stats.record(log.rows().first());
    QVERIFY(stats.today().inputTokens > 0);
}

// A crash in the middle of an append leaves a cut last line: it is skipped with a warning, a bad line in the middle
// too, every other row is kept, and the next append starts on a clean line (it is not glued to the cut one).
void TestRequestLog::tornLastLineSkipped()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    {
        RequestLog log(path, 50);
        log.add(row(1));
    }
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("not json at all\n");
        f.close();
    }
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("skipped 1 unreadable line")));
        RequestLog log(path, 50);
        log.add(row(2));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write(R"({"id":"req_3","timestamp":"2024-)"); // cut: no closing brace, no newline
    f.close();

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("last line was cut short")));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("skipped 1 unreadable line")));
    {
        RequestLog reopened(path, 50);
        QCOMPARE(reopened.rows().size(), 2);
        QCOMPARE(reopened.rows().first().id, QStringLiteral("req_2"));
        reopened.add(row(4));
    }
    RequestLog again(path, 50); // no warning expected: the cut line is gone and row 4 is whole
    QCOMPARE(again.rows().size(), 3);
    QCOMPARE(again.rows().first().id, QStringLiteral("req_4"));
}

void TestRequestLog::exportJsonl()
{
    QTemporaryDir dir;
    RequestLog log(QString(), 50);
    log.add(row(1));
    log.add(row(2, 500));
    QVERIFY(log.exportJsonl(dir.filePath(QStringLiteral("out.jsonl"))).ok());
    QFile f(dir.filePath(QStringLiteral("out.jsonl")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.first().contains("req_1")); // oldest first in the file
    QVERIFY(!log.exportJsonl(QStringLiteral("/nonexistent-dir/x.jsonl")).ok());
    const RequestLog::Stats s = log.stats();
    QCOMPARE(s.total, 2);
    QCOMPARE(s.failed, 1);
}

void TestRequestLog::statisticsSurviveTrimAndRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("statistics.json"));
    {
        RequestLog log(QString(), 10);
        UsageStatistics stats(path);
        connect(&log, &RequestLog::rowAdded, &stats, &UsageStatistics::record);
        for (int i = 0; i < 40; ++i)
            log.add(row(i, i < 4 ? 500 : 200));
        QCOMPARE(log.rows().size(), 10);
        QCOMPARE(stats.total().requests, 40);
    }
    UsageStatistics reopened(path);
    QCOMPARE(reopened.total().requests, 40);
    QCOMPARE(reopened.total().errors, 4);
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QJsonObject accounts =
        QJsonDocument::fromJson(saved.readAll()).object().value(QStringLiteral("accounts")).toObject();
    QCOMPARE(accounts.value(QStringLiteral("acc")).toObject().value(QStringLiteral("input_tokens")).toInt(), 400);
    QCOMPARE(reopened.day(QDate::currentDate()).outputTokens, 80);
}

QTEST_GUILESS_MAIN(TestRequestLog)
void TestRequestLog::errorTextIsScrubbed()
{
    // Whatever a caller puts in the error fields, the list, the file and rowAdded hold it scrubbed.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("requests.jsonl"));
    const QString secret = QStringLiteral("plain-refresh-token-in-a-log-row");
    Redactor::registerSecret(secret);
    RequestLog log(path, 10);
    RequestLogRow r = row(1, 502);
    r.errorMessage = QStringLiteral("Kiro said: ") + secret;
    r.hops = {{QStringLiteral("a"), QStringLiteral("A"), QStringLiteral("Authorization: Bearer abc-12345678")}};
    log.add(r);
    QCOMPARE(log.rows().first().errorMessage, QStringLiteral("Kiro said: [redacted]"));
    QCOMPARE(log.rows().first().hops.first().error, QStringLiteral("Authorization: Bearer [redacted]"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray file = f.readAll();
    QVERIFY(!file.contains(secret.toUtf8()));
    QVERIFY(!file.contains("abc-12345678"));
    Redactor::unregisterSecret(secret);
}

#include "tst_requestlog.moc"
