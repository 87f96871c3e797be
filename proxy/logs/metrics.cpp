// SPDX-License-Identifier: MIT
// Metrics: counters fed by finished requests and refreshes; the exposition writes them and the scrape-time gauges into
// one buffer, sorted, with a HELP and a TYPE line per family.
#include "logs/metrics.h"

#include <cmath>

#include <QLocale>
#include <QVarLengthArray>

#include "accounts/account.h"
#include "common/redactor.h"
#include "kiro/upstreamerror.h"
#include "logs/requestlog.h"

namespace {

void appendLabel(QByteArray &out, const char *name, const QString &value)
{
    if (!out.isEmpty())
        out += ',';
    out += name;
    out += "=\"";
    Metrics::appendLabelValue(out, value);
    out += '"';
}

void appendAccount(QByteArray &out, const QString &id, const QString &name)
{
    appendLabel(out, "account_id", id);
    appendLabel(out, "account_name", Redactor::scrub(name));
}

void family(QByteArray &out, const char *name, const char *type, const char *help)
{
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(QByteArray &out, const char *name, const char *suffix, const QByteArray &labels, const QByteArray &value)
{
    out += name;
    out += suffix;
    if (!labels.isEmpty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += value;
    out += '\n';
}

void counters(QByteArray &out, const char *name, const char *help, const QMap<QByteArray, qint64> &series)
{
    family(out, name, "counter", help);
    for (auto it = series.cbegin(); it != series.cend(); ++it)
        sample(out, name, "", it.key(), QByteArray::number(it.value()));
}

// The label text of a row's series: route and model, then what the family adds.
QByteArray routeAndModel(const RequestLogRow &row, const QString &model)
{
    QByteArray labels;
    labels.reserve(64 + model.size());
    appendLabel(labels, "route", row.route);
    appendLabel(labels, "model", model);
    return labels;
}

} // namespace

Metrics::Metrics(QObject *parent)
    : QObject(parent)
{}

Metrics::~Metrics() = default;

void Metrics::appendLabelValue(QByteArray &out, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
}

QByteArray Metrics::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    if (value == std::trunc(value) && std::fabs(value) < 1e15)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
}

QString Metrics::outcome(const RequestLogRow &row)
{
    if (row.success())
        return QStringLiteral("success");
    if (row.status == 499)
        return QStringLiteral("client_closed");
    if (row.status >= 200 && row.status < 300)
        return QStringLiteral("stream_error"); // the answer had started when it failed
    if (row.status == 429)
        return QStringLiteral("rate_limited");
    if (row.status >= 400 && row.status < 500)
        return QStringLiteral("client_error");
    return QStringLiteral("server_error");
}

QString Metrics::refreshFailureKind(const UpstreamError &error)
{
    switch (error.kind) {
    case UpstreamError::Kind::Http:
        return QStringLiteral("http");
    case UpstreamError::Kind::Network:
        return QStringLiteral("network");
    case UpstreamError::Kind::Timeout:
        return QStringLiteral("timeout");
    case UpstreamError::Kind::Stream:
        return QStringLiteral("stream");
    case UpstreamError::Kind::InvalidToken:
        return QStringLiteral("invalid_token");
    case UpstreamError::Kind::Configuration:
        return QStringLiteral("configuration");
    case UpstreamError::Kind::Truncated:
        return QStringLiteral("truncated");
    }
    return QStringLiteral("unknown");
}

QString Metrics::modelLabel(const QString &model)
{
    if (m_models.contains(model))
        return model;
    if (m_models.size() >= kMaxModels || model.size() > kMaxModelLength)
        return QStringLiteral("other");
    m_models.insert(model);
    return model;
}

template<size_t N>
void Metrics::observe(QMap<QByteArray, Histogram> &family, const QByteArray &labels,
                      const std::array<double, N> &bounds, double seconds)
{
    Histogram &h = family[labels];
    if (h.buckets.empty())
        h.buckets.assign(N, 0);
    for (size_t i = 0; i < N; ++i) {
        if (seconds <= bounds[i]) {
            ++h.buckets[i];
            break;
        }
    }
    ++h.count;
    h.sum += seconds;
}

void Metrics::record(const RequestLogRow &row)
{
    const QString model = modelLabel(row.model);
    const QByteArray base = routeAndModel(row, model);
    const QString result = outcome(row);

    QByteArray request = base;
    appendAccount(request, row.accountId, row.accountName);
    appendLabel(request, "outcome", result);
    ++m_requests[request];

    if (result == QLatin1String("success"))
        observe(m_duration, base, kDurationBuckets, double(row.durationMs) / 1000.0);
    if (row.firstByteMs >= 0)
        observe(m_firstByte, base, kFirstByteBuckets, double(row.firstByteMs) / 1000.0);

    const auto tokens = [&base](QMap<QByteArray, qint64> &series, qint64 count, bool measured) {
        if (count <= 0)
            return;
        QByteArray labels = base;
        appendLabel(labels, "source", measured ? QStringLiteral("measured") : QStringLiteral("estimated"));
        series[labels] += count;
    };
    tokens(m_inputTokens, row.inputTokens, row.inputTokensMeasured);
    tokens(m_outputTokens, row.outputTokens, row.outputTokensMeasured);
    for (const RequestLogHop &hop : row.hops) {
        QByteArray labels;
        appendLabel(labels, "route", row.route);
        appendAccount(labels, hop.accountId, hop.accountName);
        ++m_hops[labels];
    }
}

void Metrics::recordRefresh(const QString &accountId, const QString &accountName, const QString &failureKind)
{
    QByteArray labels;
    appendAccount(labels, accountId, accountName);
    ++m_refreshes[labels];
    if (!failureKind.isEmpty()) {
        appendLabel(labels, "kind", failureKind);
        ++m_refreshFailures[labels];
    }
}

namespace {

template<size_t N>
std::array<QByteArray, N> boundTexts(const std::array<double, N> &bounds)
{
    std::array<QByteArray, N> texts;
    for (size_t i = 0; i < N; ++i)
        texts[i] = Metrics::formatValue(bounds[i]);
    return texts;
}

} // namespace

QByteArray Metrics::exposition(const Scrape &scrape) const
{
    static const auto durationLe = boundTexts(kDurationBuckets);
    static const auto firstByteLe = boundTexts(kFirstByteBuckets);
    QByteArray out;
    out.reserve(m_lastSize + m_lastSize / 8);

    family(out, "kiro_tray_build_info", "gauge", "Version of Kiro Tray and the Qt it runs on; always 1.");
    {
        QByteArray labels;
        appendLabel(labels, "version", QStringLiteral(KIRO_VERSION_STRING));
        appendLabel(labels, "qt_version", QString::fromLatin1(qVersion()));
        sample(out, "kiro_tray_build_info", "", labels, "1");
    }
    family(out, "kiro_tray_uptime_seconds", "gauge", "Seconds since the proxy started listening.");
    sample(out, "kiro_tray_uptime_seconds", "", {}, formatValue(scrape.uptimeSeconds));
    family(out, "kiro_tray_paused", "gauge", "1 while the proxy is paused (requests are answered 503).");
    sample(out, "kiro_tray_paused", "", {}, scrape.paused ? "1" : "0");

    // The families every Prometheus client library exports for its process, by the same names.
    const auto gauge = [&out](const char *name, const char *type, const char *help, double value) {
        if (value < 0)
            return;
        family(out, name, type, help);
        sample(out, name, "", {}, formatValue(value));
    };
    const ProcessSample &p = scrape.process;
    gauge("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.", p.cpuSeconds);
    gauge("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
          p.startTimeSeconds);
    gauge("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", double(p.residentBytes));
    gauge("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", double(p.virtualBytes));
    gauge("process_open_fds", "gauge", "Number of open file descriptors.", double(p.openFds));
    gauge("process_max_fds", "gauge", "Maximum number of open file descriptors.", double(p.maxFds));
    gauge("kiro_tray_heap_allocated_bytes", "gauge",
          "Bytes the allocator has handed out and not had back (glibc mallinfo2); unlike the resident size, it does "
          "not include memory freed but kept by the allocator.",
          double(p.heapAllocatedBytes));

    counters(out, "kiro_tray_requests_total",
             "Finished requests by route, client model, account and outcome (success, client_error, rate_limited, "
             "client_closed, server_error, stream_error).",
             m_requests);

    const auto histograms = [&out](const char *name, const char *help, const QMap<QByteArray, Histogram> &series,
                                   const auto &le) {
        family(out, name, "histogram", help);
        const QByteArray bucket = QByteArray(name) + "_bucket{";
        for (auto it = series.cbegin(); it != series.cend(); ++it) {
            const Histogram &h = it.value();
            qint64 cumulative = 0;
            for (size_t i = 0; i < le.size(); ++i) {
                cumulative += h.buckets[i];
                out += bucket;
                out += it.key();
                out += ",le=\"";
                out += le[i];
                out += "\"} ";
                out += QByteArray::number(cumulative);
                out += '\n';
            }
            out += bucket;
            out += it.key();
            out += ",le=\"+Inf\"} ";
            out += QByteArray::number(h.count);
            out += '\n';
            sample(out, name, "_sum", it.key(), formatValue(h.sum));
            sample(out, name, "_count", it.key(), QByteArray::number(h.count));
        }
    };
    histograms("kiro_tray_request_duration_seconds",
               "Time from a request's arrival to the end of its answer, for requests answered successfully.",
               m_duration, durationLe);
    histograms("kiro_tray_time_to_first_byte_seconds",
               "Time from a request's arrival to the first byte of Kiro's answer, for requests Kiro answered.",
               m_firstByte, firstByteLe);

    counters(out, "kiro_tray_input_tokens_total",
             "Input tokens of finished requests, as Kiro measured them or as estimated locally (source).",
             m_inputTokens);
    counters(out, "kiro_tray_output_tokens_total",
             "Output tokens of finished requests, as Kiro measured them or as estimated locally (source).",
             m_outputTokens);
    counters(out, "kiro_tray_failover_hops_total",
             "Attempts that failed on an account before a request settled (the request moved to another account, "
             "or was resent once to the same one), by the account that failed.",
             m_hops);
    counters(out, "kiro_tray_token_refreshes_total",
             "Finished access-token refreshes, successful or not (account_id empty: a sign-in check before an import).",
             m_refreshes);
    counters(out, "kiro_tray_token_refresh_failures_total", "Failed access-token refreshes, by kind of failure.",
             m_refreshFailures);

    int streams = 0;
    for (const RequestLogInFlight &request : scrape.inFlight)
        streams += request.stream ? 1 : 0;
    family(out, "kiro_tray_requests_in_flight", "gauge",
           "Requests being answered now; stream=\"true\" are open streams.");
    sample(out, "kiro_tray_requests_in_flight", "", QByteArrayLiteral("stream=\"false\""),
           QByteArray::number(scrape.inFlight.size() - streams));
    sample(out, "kiro_tray_requests_in_flight", "", QByteArrayLiteral("stream=\"true\""), QByteArray::number(streams));

    // Each account's labels once; each family then lists every account.
    QVarLengthArray<QByteArray, 32> who;
    who.reserve(scrape.accounts.size());
    for (const Account &a : scrape.accounts) {
        QByteArray labels;
        labels.reserve(96);
        appendAccount(labels, a.id, a.name);
        who.append(labels);
    }
    static constexpr Account::Status kStates[] = {Account::Status::Active, Account::Status::Cooldown,
                                                  Account::Status::Exhausted, Account::Status::Disabled};
    family(out, "kiro_tray_account_state", "gauge",
           "1 for the account's state (active, cooldown, exhausted, disabled), 0 for the others.");
    for (qsizetype i = 0; i < who.size(); ++i) {
        for (const Account::Status state : kStates) {
            QByteArray labels = who[i];
            appendLabel(labels, "state", Account::statusName(state));
            sample(out, "kiro_tray_account_state", "", labels, scrape.accounts.at(i).status == state ? "1" : "0");
        }
    }
    family(out, "kiro_tray_account_status_reason", "gauge",
           "1 with the reason an account is not active (manual, rate_limited, quota_exhausted, suspended, "
           "invalid_refresh_token, too_many_failures); absent without one.");
    for (qsizetype i = 0; i < who.size(); ++i) {
        const Account &a = scrape.accounts.at(i);
        if (a.reason == Account::Reason::None)
            continue;
        QByteArray labels = who[i];
        appendLabel(labels, "reason", Account::reasonName(a.reason));
        sample(out, "kiro_tray_account_status_reason", "", labels, "1");
    }
    const auto quota = [&](const char *name, const char *help, auto value, bool needsLimit) {
        family(out, name, "gauge", help);
        for (qsizetype i = 0; i < who.size(); ++i) {
            const Account &a = scrape.accounts.at(i);
            if (a.hasQuota && (!needsLimit || a.quotaLimit > 0))
                sample(out, name, "", who[i], formatValue(value(a)));
        }
    };
    quota(
        "kiro_tray_account_quota_limit_credits", "The account's monthly credit limit, as of its last quota check.",
        [](const Account &a) { return a.quotaLimit; }, false);
    quota(
        "kiro_tray_account_quota_used_credits", "Credits the account has used this month, as of its last quota check.",
        [](const Account &a) { return a.quotaUsed; }, false);
    quota(
        "kiro_tray_account_quota_remaining_credits", "Credits the account has left, as of its last quota check.",
        [](const Account &a) { return a.quotaRemaining(); }, false);
    quota(
        "kiro_tray_account_quota_remaining_ratio", "Share of the account's credits left (0 to 1).",
        [](const Account &a) { return a.quotaRemainingPercent() / 100.0; }, true);
    family(out, "kiro_tray_account_quota_reset_timestamp_seconds", "gauge",
           "When the account's quota resets, in Unix seconds.");
    for (qsizetype i = 0; i < who.size(); ++i) {
        const Account &a = scrape.accounts.at(i);
        if (a.hasQuota && a.quotaResetAt.isValid())
            sample(out, "kiro_tray_account_quota_reset_timestamp_seconds", "", who[i],
                   QByteArray::number(a.quotaResetAt.toSecsSinceEpoch()));
    }
    m_lastSize = out.size();
    return out;
}
