// SPDX-License-Identifier: MIT
// Tests Metrics: the text exposition format (HELP/TYPE, names, escaping), histograms (cumulative buckets, +Inf, _sum,
// _count), outcomes, the model cap, refresh counters and the account gauges; prints the cost of one scrape.
#include <vector>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include "accounts/account.h"
#include "kiro/upstreamerror.h"
#include "logs/metrics.h"
#include "logs/requestlog.h"

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void formatIsStrict();
    void labelValuesEscaped_data();
    void labelValuesEscaped();
    void valuesFormatted_data();
    void valuesFormatted();
    void histogramsCumulative();
    void outcomes_data();
    void outcomes();
    void tokensAndHops();
    void modelLabelsCapped();
    void refreshes();
    void accountGauges();
    void processFamilies();
    void processSampleOfThisProcess();
    void scrapeCost();
};

namespace {

RequestLogRow row(const QString &model = QStringLiteral("claude-sonnet-4.5"), int status = 200,
                  qint64 durationMs = 1200, qint64 firstByteMs = 300)
{
    RequestLogRow r;
    r.id = QStringLiteral("req_1");
    r.time = QDateTime::currentDateTimeUtc();
    r.accountId = QStringLiteral("acc-1");
    r.accountName = QStringLiteral("work");
    r.model = model;
    r.status = status;
    r.durationMs = durationMs;
    r.firstByteMs = firstByteMs;
    return r;
}

QByteArray expose(const Metrics &m, const QList<Account> &accounts = {},
                  const QHash<QString, RequestLogInFlight> &inFlight = {}, const ProcessSample &process = {})
{
    return m.exposition({accounts, inFlight, 12.5, false, process});
}

// The value of the one sample whose line starts with `series` followed by a space.
QByteArray valueOf(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1);
    }
    return QByteArrayLiteral("(absent)");
}

// Checks the exposition the way a strict parser would; returns the first problem.
QString formatProblem(const QByteArray &text)
{
    static const QRegularExpression sampleLine(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="(\\[\\"n]|[^\\"\n])*")*)\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN)$)"));
    static const QRegularExpression commentLine(QStringLiteral(R"(^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$)"));
    if (!text.endsWith('\n'))
        return QStringLiteral("the exposition must end with a newline");
    QHash<QString, QString> types;
    QSet<QString> helps;
    QString current;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty())
            continue;
        if (line.startsWith(QLatin1Char('#'))) {
            const auto m = commentLine.match(line);
            if (!m.hasMatch())
                return QStringLiteral("bad comment line: ") + line;
            if (m.captured(1) == QLatin1String("TYPE")) {
                if (types.contains(m.captured(2)))
                    return QStringLiteral("two TYPE lines for ") + m.captured(2);
                if (!QStringList{QStringLiteral("counter"), QStringLiteral("gauge"), QStringLiteral("histogram")}
                         .contains(m.captured(3)))
                    return QStringLiteral("unknown type: ") + line;
                types.insert(m.captured(2), m.captured(3));
                current = m.captured(2);
            } else {
                helps.insert(m.captured(2));
            }
            continue;
        }
        const auto m = sampleLine.match(line);
        if (!m.hasMatch())
            return QStringLiteral("bad sample line: ") + line;
        QString name = m.captured(1);
        for (const char *suffix : {"_bucket", "_sum", "_count"}) {
            if (types.value(current) == QLatin1String("histogram") && name == current + QLatin1String(suffix))
                name = current;
        }
        if (name != current)
            return QStringLiteral("sample outside its family (no TYPE before it): ") + line;
        if (types.value(name) == QLatin1String("counter") && !name.endsWith(QLatin1String("_total")))
            return QStringLiteral("a counter without _total: ") + name;
        if (!name.startsWith(QLatin1String("kiro_tray_")))
            return QStringLiteral("a name without the prefix: ") + name;
    }
    for (auto it = types.cbegin(); it != types.cend(); ++it) {
        if (!helps.contains(it.key()))
            return QStringLiteral("no HELP for ") + it.key();
    }
    return {};
}

} // namespace

void TestMetrics::formatIsStrict()
{
    Metrics m;
    QCOMPARE(formatProblem(expose(m)), QString()); // nothing recorded yet: families with no series are valid
    m.record(row());
    RequestLogRow odd = row(QStringLiteral("weird \"model\"\\\nname"), 200, 10, -1);
    odd.accountName = QStringLiteral("Zoë's \"main\" account");
    odd.hops = {{QStringLiteral("acc-2"), QStringLiteral("spare\\2"), QStringLiteral("HTTP 402")}};
    odd.inputTokens = 12;
    odd.outputTokens = 3;
    odd.outputTokensMeasured = true;
    m.record(odd);
    m.recordRefresh(QStringLiteral("acc-1"), QStringLiteral("work"), QString());
    m.recordRefresh(QStringLiteral("acc-1"), QStringLiteral("work"), QStringLiteral("invalid_token"));
    Account a;
    a.id = QStringLiteral("acc-1");
    a.name = QStringLiteral("work");
    a.hasQuota = true;
    a.quotaLimit = 1000;
    a.quotaUsed = 380.5;
    a.quotaResetAt = QDateTime::fromSecsSinceEpoch(1796083200, Qt::UTC);
    RequestLogInFlight flying;
    flying.id = QStringLiteral("req_2");
    flying.stream = true;
    const QByteArray text = expose(m, {a}, {{flying.id, flying}});
    QCOMPARE(formatProblem(text), QString());
    QVERIFY(text.contains("\n# TYPE kiro_tray_request_duration_seconds histogram\n"));
    QVERIFY(text.contains("\n# TYPE kiro_tray_requests_total counter\n"));
    QVERIFY(text.startsWith("# HELP kiro_tray_build_info "));
    QCOMPARE(valueOf(text, "kiro_tray_uptime_seconds"), QByteArray("12.5"));
    QCOMPARE(valueOf(text, "kiro_tray_requests_in_flight{stream=\"true\"}"), QByteArray("1"));
    QCOMPARE(valueOf(text, "kiro_tray_requests_in_flight{stream=\"false\"}"), QByteArray("0"));
    QCOMPARE(QByteArray(Metrics::kContentType), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
}

void TestMetrics::labelValuesEscaped_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("escaped");
    QTest::newRow("plain") << QStringLiteral("claude-sonnet-4.5") << QByteArray("claude-sonnet-4.5");
    QTest::newRow("backslash") << QStringLiteral("a\\b") << QByteArray("a\\\\b");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QByteArray("say \\\"hi\\\"");
    QTest::newRow("newline") << QStringLiteral("two\nlines") << QByteArray("two\\nlines");
    QTest::newRow("all three") << QStringLiteral("\\\"\n") << QByteArray("\\\\\\\"\\n");
    QTest::newRow("utf-8 kept") << QStringLiteral("账户 ✓") << QString::fromUtf8("账户 ✓").toUtf8();
    QTest::newRow("empty") << QString() << QByteArray();
}

void TestMetrics::labelValuesEscaped()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, escaped);
    QByteArray out;
    Metrics::appendLabelValue(out, value);
    QCOMPARE(out, escaped);
    // And in a series: the model label of a request.
    Metrics m;
    m.record(row(value));
    QVERIFY2(expose(m).contains(QByteArray("model=\"" + escaped + "\",account_id=")), escaped.constData());
}

void TestMetrics::valuesFormatted_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("integer") << 3000.0 << QByteArray("3000");
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("fraction") << 0.25 << QByteArray("0.25");
    QTest::newRow("shortest") << 0.1 + 0.2 << QByteArray("0.30000000000000004");
    QTest::newRow("bucket") << 0.05 << QByteArray("0.05");
    QTest::newRow("huge") << 1e20 << QByteArray("1e+20");
    QTest::newRow("+Inf") << qInf() << QByteArray("+Inf");
    QTest::newRow("-Inf") << -qInf() << QByteArray("-Inf");
    QTest::newRow("NaN") << qQNaN() << QByteArray("NaN");
}

void TestMetrics::valuesFormatted()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(Metrics::formatValue(value), text);
}

void TestMetrics::histogramsCumulative()
{
    Metrics m;
    // Durations (s): 0.05 → le 0.1; 0.1 → le 0.1 (bounds are inclusive); 0.3 → le 0.5; 7 → le 10; 400 → +Inf only.
    for (qint64 ms : {50, 100, 300, 7000, 400000})
        m.record(row(QStringLiteral("m"), 200, ms, ms / 10));
    m.record(row(QStringLiteral("m"), 500, 3, -1)); // not a success, no first byte: in neither histogram
    const QByteArray text = expose(m);
    const QByteArray labels = "route=\"/v1/messages\",model=\"m\"";
    const auto bucket = [&](const char *le) {
        return valueOf(text, "kiro_tray_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"}");
    };
    QCOMPARE(bucket("0.1"), QByteArray("2"));
    QCOMPARE(bucket("0.25"), QByteArray("2"));
    QCOMPARE(bucket("0.5"), QByteArray("3"));
    QCOMPARE(bucket("5"), QByteArray("3"));
    QCOMPARE(bucket("10"), QByteArray("4"));
    QCOMPARE(bucket("300"), QByteArray("4"));
    QCOMPARE(bucket("+Inf"), QByteArray("5"));
    QCOMPARE(valueOf(text, "kiro_tray_request_duration_seconds_count{" + labels + "}"), QByteArray("5"));
    QCOMPARE(valueOf(text, "kiro_tray_request_duration_seconds_sum{" + labels + "}").toDouble(), 407.45);
    // Every bucket line of the family, in order: non-decreasing, le ascending, the last one +Inf = _count.
    QList<double> les;
    qint64 previous = -1;
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith("kiro_tray_time_to_first_byte_seconds_bucket{"))
            continue;
        const qint64 value = line.mid(line.lastIndexOf(' ') + 1).toLongLong();
        QVERIFY2(value >= previous, line.constData());
        previous = value;
        const qsizetype at = line.indexOf("le=\"") + 4;
        const QByteArray le = line.mid(at, line.indexOf('"', at) - at);
        les.append(le == "+Inf" ? qInf() : le.toDouble());
    }
    QCOMPARE(les.size(), int(Metrics::kFirstByteBuckets.size()) + 1);
    QVERIFY(std::is_sorted(les.cbegin(), les.cend()));
    QCOMPARE(les.last(), qInf());
    QCOMPARE(previous, 5); // the 500 had no first byte
    QCOMPARE(valueOf(text, "kiro_tray_time_to_first_byte_seconds_count{" + labels + "}"), QByteArray("5"));
    QCOMPARE(valueOf(text, "kiro_tray_time_to_first_byte_seconds_bucket{" + labels + ",le=\"0.05\"}"),
             QByteArray("3")); // 5, 10 and 30 ms
}

void TestMetrics::outcomes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<QString>("outcome");
    QTest::newRow("answered") << 200 << QString() << QStringLiteral("success");
    QTest::newRow("stream failed after content")
        << 200 << QStringLiteral("upstream_error") << QStringLiteral("stream_error");
    QTest::newRow("stream cut off") << 200 << QStringLiteral("upstream_truncated") << QStringLiteral("stream_error");
    QTest::newRow("bad request") << 400 << QStringLiteral("invalid_request_error") << QStringLiteral("client_error");
    QTest::newRow("unknown model") << 404 << QStringLiteral("not_found_error") << QStringLiteral("client_error");
    QTest::newRow("throttled everywhere")
        << 429 << QStringLiteral("rate_limit_error") << QStringLiteral("rate_limited");
    QTest::newRow("client left") << 499 << QStringLiteral("client_closed") << QStringLiteral("client_closed");
    QTest::newRow("no account") << 503 << QStringLiteral("overloaded_error") << QStringLiteral("server_error");
    QTest::newRow("upstream failed") << 502 << QStringLiteral("api_error") << QStringLiteral("server_error");
}

void TestMetrics::outcomes()
{
    QFETCH(int, status);
    QFETCH(QString, errorClass);
    QFETCH(QString, outcome);
    RequestLogRow r = row(QStringLiteral("m"), status);
    r.errorClass = errorClass;
    QCOMPARE(Metrics::outcome(r), outcome);
    Metrics m;
    m.record(r);
    m.record(r);
    QCOMPARE(valueOf(expose(m), "kiro_tray_requests_total{route=\"/v1/messages\",model=\"m\",account_id=\"acc-1\","
                                "account_name=\"work\",outcome=\"" +
                                    outcome.toUtf8() + "\"}"),
             QByteArray("2"));
}

void TestMetrics::tokensAndHops()
{
    Metrics m;
    RequestLogRow a = row();
    a.inputTokens = 100;
    a.inputTokensMeasured = true;
    a.outputTokens = 20;
    a.hops = {{QStringLiteral("acc-2"), QStringLiteral("spare"), QStringLiteral("HTTP 402")},
              {QStringLiteral("acc-3"), QStringLiteral("old"), QStringLiteral("invalid_grant")}};
    RequestLogRow b = row();
    b.route = QStringLiteral("/v1/chat/completions");
    b.inputTokens = 7;
    b.outputTokens = 5;
    b.outputTokensMeasured = true;
    b.hops = {{QStringLiteral("acc-2"), QStringLiteral("spare"), QStringLiteral("HTTP 402")}};
    m.record(a);
    m.record(a);
    m.record(b);
    const QByteArray text = expose(m);
    const QByteArray messages = "route=\"/v1/messages\",model=\"claude-sonnet-4.5\"";
    const QByteArray chat = "route=\"/v1/chat/completions\",model=\"claude-sonnet-4.5\"";
    QCOMPARE(valueOf(text, "kiro_tray_input_tokens_total{" + messages + ",source=\"measured\"}"), "200");
    QCOMPARE(valueOf(text, "kiro_tray_input_tokens_total{" + messages + ",source=\"estimated\"}"), "(absent)");
    QCOMPARE(valueOf(text, "kiro_tray_output_tokens_total{" + messages + ",source=\"estimated\"}"), "40");
    QCOMPARE(valueOf(text, "kiro_tray_input_tokens_total{" + chat + ",source=\"estimated\"}"), "7");
    QCOMPARE(valueOf(text, "kiro_tray_output_tokens_total{" + chat + ",source=\"measured\"}"), "5");
    QCOMPARE(valueOf(text, "kiro_tray_failover_hops_total{route=\"/v1/messages\",account_id=\"acc-2\","
                           "account_name=\"spare\"}"),
             "2");
    QCOMPARE(valueOf(text, "kiro_tray_failover_hops_total{route=\"/v1/messages\",account_id=\"acc-3\","
                           "account_name=\"old\"}"),
             "2");
    QCOMPARE(valueOf(text, "kiro_tray_failover_hops_total{route=\"/v1/chat/completions\",account_id=\"acc-2\","
                           "account_name=\"spare\"}"),
             "1");
}

void TestMetrics::modelLabelsCapped()
{
    Metrics m;
    for (int i = 0; i < Metrics::kMaxModels; ++i)
        m.record(row(QStringLiteral("model-%1").arg(i)));
    m.record(row(QStringLiteral("model-new"))); // the 51st distinct id
    m.record(row(QStringLiteral("model-newer")));
    m.record(row(QStringLiteral("model-0"))); // one already seen keeps its series
    m.record(row(QString(QLatin1Char('x')).repeated(Metrics::kMaxModelLength + 1)));
    const QByteArray text = expose(m);
    const auto count = [&](const QByteArray &model) {
        return valueOf(text, "kiro_tray_requests_total{route=\"/v1/messages\",model=\"" + model +
                                 "\",account_id=\"acc-1\",account_name=\"work\",outcome=\"success\"}");
    };
    QCOMPARE(count("model-0"), QByteArray("2"));
    QCOMPARE(count("model-49"), QByteArray("1"));
    QCOMPARE(count("other"), QByteArray("3"));
    QCOMPARE(count("model-new"), QByteArray("(absent)"));
    QVERIFY(!text.contains("model=\"model-newer\""));
    QVERIFY(!text.contains(
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    QSet<QByteArray> models;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith("kiro_tray_requests_total{"))
            models.insert(line.mid(line.indexOf("model=")).split(',').first());
    }
    QCOMPARE(models.size(), Metrics::kMaxModels + 1); // 50 ids and "other"
}

void TestMetrics::refreshes()
{
    Metrics m;
    m.recordRefresh(QStringLiteral("acc-1"), QStringLiteral("work"), QString());
    m.recordRefresh(QStringLiteral("acc-1"), QStringLiteral("work"), QString());
    m.recordRefresh(QStringLiteral("acc-2"), QStringLiteral("old"), QStringLiteral("invalid_token"));
    m.recordRefresh(QString(), QString(), QStringLiteral("timeout"));
    const QByteArray text = expose(m);
    QCOMPARE(valueOf(text, "kiro_tray_token_refreshes_total{account_id=\"acc-1\",account_name=\"work\"}"), "2");
    QCOMPARE(valueOf(text, "kiro_tray_token_refreshes_total{account_id=\"acc-2\",account_name=\"old\"}"), "1");
    QCOMPARE(valueOf(text, "kiro_tray_token_refreshes_total{account_id=\"\",account_name=\"\"}"), "1");
    QCOMPARE(valueOf(text, "kiro_tray_token_refresh_failures_total{account_id=\"acc-2\",account_name=\"old\","
                           "kind=\"invalid_token\"}"),
             "1");
    QCOMPARE(
        valueOf(text, "kiro_tray_token_refresh_failures_total{account_id=\"\",account_name=\"\",kind=\"timeout\"}"),
        "1");
    QCOMPARE(text.count("kiro_tray_token_refresh_failures_total{"), 2);

    UpstreamError revoked = UpstreamError::fromHttp(400, R"({"error":"invalid_grant"})", true);
    revoked.kind = UpstreamError::Kind::InvalidToken;
    QCOMPARE(Metrics::refreshFailureKind(revoked), QStringLiteral("invalid_token"));
    QCOMPARE(Metrics::refreshFailureKind(UpstreamError::signInTimeout(QStringLiteral("no answer"))),
             QStringLiteral("timeout"));
    QCOMPARE(Metrics::refreshFailureKind(UpstreamError::fromHttp(500, "oops", true)), QStringLiteral("http"));
}

void TestMetrics::accountGauges()
{
    Account active;
    active.id = QStringLiteral("a1");
    active.name = QStringLiteral("work");
    active.hasQuota = true;
    active.quotaLimit = 1000;
    active.quotaUsed = 380.5;
    active.quotaResetAt = QDateTime::fromSecsSinceEpoch(1796083200, Qt::UTC);
    Account spent = active;
    spent.id = QStringLiteral("a2");
    spent.name = QStringLiteral("spent");
    spent.status = Account::Status::Exhausted;
    spent.reason = Account::Reason::QuotaExhausted;
    spent.quotaUsed = 1200; // over the limit: nothing left, never negative
    Account revoked;
    revoked.id = QStringLiteral("a3");
    revoked.name = QStringLiteral("old");
    revoked.status = Account::Status::Disabled;
    revoked.reason = Account::Reason::InvalidRefreshToken; // no quota known
    Metrics m;
    const QByteArray text = expose(m, {active, spent, revoked});
    QCOMPARE(formatProblem(text), QString());
    const auto state = [&](const char *id, const char *name, const char *s) {
        return valueOf(text, QByteArray("kiro_tray_account_state{account_id=\"") + id + "\",account_name=\"" + name +
                                 "\",state=\"" + s + "\"}");
    };
    QCOMPARE(state("a1", "work", "active"), "1");
    QCOMPARE(state("a1", "work", "exhausted"), "0");
    QCOMPARE(state("a2", "spent", "exhausted"), "1");
    QCOMPARE(state("a2", "spent", "active"), "0");
    QCOMPARE(state("a3", "old", "disabled"), "1");
    QCOMPARE(state("a3", "old", "cooldown"), "0");
    QCOMPARE(text.count("kiro_tray_account_state{"), 12); // one-hot: four states per account
    QCOMPARE(valueOf(text, "kiro_tray_account_status_reason{account_id=\"a3\",account_name=\"old\","
                           "reason=\"invalid_refresh_token\"}"),
             "1");
    QCOMPARE(valueOf(text, "kiro_tray_account_status_reason{account_id=\"a2\",account_name=\"spent\","
                           "reason=\"quota_exhausted\"}"),
             "1");
    QCOMPARE(text.count("kiro_tray_account_status_reason{"), 2);
    const QByteArray a1 = "{account_id=\"a1\",account_name=\"work\"}";
    const QByteArray a2 = "{account_id=\"a2\",account_name=\"spent\"}";
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_limit_credits" + a1), "1000");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_used_credits" + a1), "380.5");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_remaining_credits" + a1), "619.5");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_remaining_ratio" + a1), "0.6195");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_reset_timestamp_seconds" + a1), "1796083200");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_remaining_credits" + a2), "0");
    QCOMPARE(valueOf(text, "kiro_tray_account_quota_remaining_ratio" + a2), "0");
    QVERIFY(!text.contains("kiro_tray_account_quota_limit_credits{account_id=\"a3\"")); // unknown: no sample
}

// Not a timed assertion: prints what one scrape costs with 20 accounts after 1,000 requests.
void TestMetrics::processFamilies()
{
    Metrics m;
    // Nothing known (another platform): no family at all, not a 0 that would read as a measurement.
    const QByteArray none = expose(m);
    QVERIFY(!none.contains("process_"));
    QVERIFY(!none.contains("kiro_tray_heap_allocated_bytes"));

    ProcessSample p;
    p.cpuSeconds = 1.25;
    p.startTimeSeconds = 1796000000;
    p.residentBytes = 20 * 1024 * 1024;
    p.virtualBytes = 300 * 1024 * 1024;
    p.openFds = 12;
    p.maxFds = 1024;
    p.heapAllocatedBytes = 5000000;
    const QByteArray text = expose(m, {}, {}, p);
    QCOMPARE(valueOf(text, "process_cpu_seconds_total"), QByteArray("1.25"));
    QCOMPARE(valueOf(text, "process_start_time_seconds"), QByteArray("1796000000"));
    QCOMPARE(valueOf(text, "process_resident_memory_bytes"), QByteArray("20971520"));
    QCOMPARE(valueOf(text, "process_virtual_memory_bytes"), QByteArray("314572800"));
    QCOMPARE(valueOf(text, "process_open_fds"), QByteArray("12"));
    QCOMPARE(valueOf(text, "process_max_fds"), QByteArray("1024"));
    QCOMPARE(valueOf(text, "kiro_tray_heap_allocated_bytes"), QByteArray("5000000"));
    QVERIFY(text.contains("# TYPE process_cpu_seconds_total counter\n"));
    QVERIFY(text.contains("# TYPE process_resident_memory_bytes gauge\n"));
    p.heapAllocatedBytes = -1; // no glibc
    QVERIFY(!expose(m, {}, {}, p).contains("kiro_tray_heap_allocated_bytes"));
}

void TestMetrics::processSampleOfThisProcess()
{
#ifndef Q_OS_LINUX
    QSKIP("ProcessSample reads /proc (Linux)");
#else
    const ProcessSample before = ProcessSample::current();
    QVERIFY(before.residentBytes > 1024 * 1024);
    QVERIFY(before.virtualBytes >= before.residentBytes);
    QVERIFY(before.cpuSeconds >= 0);
    const double now = double(QDateTime::currentSecsSinceEpoch());
    QVERIFY2(before.startTimeSeconds > now - 3600 && before.startTimeSeconds <= now + 1,
             qPrintable(QString::number(before.startTimeSeconds, 'f', 0)));
    QVERIFY(before.maxFds > 0);
    // Three more descriptors are counted as three more.
    QFile a(QCoreApplication::applicationFilePath());
    QFile b(QCoreApplication::applicationFilePath());
    QFile c(QCoreApplication::applicationFilePath());
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly) && c.open(QIODevice::ReadOnly));
    QCOMPARE(ProcessSample::current().openFds, before.openFds + 3);
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    // 8 MiB held is 8 MiB more handed out (AddressSanitizer replaces malloc: mallinfo2 then says nothing useful).
    QVERIFY(before.heapAllocatedBytes > 0);
    std::vector<char> held(8 * 1024 * 1024, 'x');
    const qint64 grown = ProcessSample::current().heapAllocatedBytes - before.heapAllocatedBytes;
    QVERIFY2(grown >= 8 * 1024 * 1024 && grown < 9 * 1024 * 1024, qPrintable(QString::number(grown)));
    QCOMPARE(held.back(), 'x');
#endif
#endif
}

void TestMetrics::scrapeCost()
{
    Metrics m;
    QList<Account> accounts;
    for (int i = 0; i < 20; ++i) {
        Account a;
        a.id = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        a.name = QStringLiteral("user%1@example.com").arg(i);
        a.hasQuota = true;
        a.quotaLimit = 1000;
        a.quotaUsed = 10.0 * i;
        a.quotaResetAt = QDateTime::currentDateTimeUtc().addDays(7);
        accounts.append(a);
    }
    static const char *const models[] = {"claude-sonnet-4.5", "claude-opus-4.6", "claude-haiku-4.5", "auto"};
    for (int i = 0; i < 1000; ++i) {
        RequestLogRow r =
            row(QLatin1String(models[i % 4]), i % 10 == 0 ? 503 : 200, 500 + i * 37 % 90000, 100 + i % 900);
        r.accountId = accounts.at(i % 20).id;
        r.accountName = accounts.at(i % 20).name;
        r.inputTokens = 1000 + i;
        r.inputTokensMeasured = i % 2 == 0;
        r.outputTokens = 50;
        if (i % 7 == 0)
            r.hops = {{accounts.at((i + 1) % 20).id, accounts.at((i + 1) % 20).name, QStringLiteral("HTTP 429")}};
        m.record(r);
        m.recordRefresh(r.accountId, r.accountName, QString());
    }
    QByteArray text = expose(m, accounts);
    QCOMPARE(formatProblem(text), QString());
    const int rounds = 200;
    QElapsedTimer timer;
    timer.start();
    qsizetype bytes = 0;
    for (int i = 0; i < rounds; ++i)
        bytes += expose(m, accounts).size();
    const double microseconds = double(timer.nsecsElapsed()) / 1000.0 / rounds;
    qInfo("one scrape, 20 accounts, 1000 requests recorded: %.0f µs, %lld bytes, %lld lines", microseconds,
          static_cast<long long>(bytes / rounds), static_cast<long long>(text.count('\n')));
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
