// SPDX-License-Identifier: MIT
// MetricsApi: one route; the body is Metrics::exposition of this moment.
#include "server/metricsapi.h"

#include "accounts/accountservice.h"
#include "logs/metrics.h"
#include "logs/requestlog.h"
#include "server/runstate.h"

MetricsApi::MetricsApi(const Metrics &metrics, const AccountService &accounts, const RequestLog &log,
                       const RunState &state, ProxyServer &server, QObject *parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_accounts(accounts)
    , m_log(log)
    , m_state(state)
{
    server.addRoute("GET", QStringLiteral("/metrics"), ProxyServer::Access::Metrics, this, &MetricsApi::scrape);
}

void MetricsApi::scrape(const HttpRequest &r, StreamResponder *resp)
{
    const QList<Account> accounts = m_accounts.accounts();
    const double uptime = m_state.uptime.isValid() ? double(m_state.uptime.elapsed()) / 1000.0 : 0.0;
    const QByteArray body =
        m_metrics.exposition({accounts, m_log.inFlight(), uptime, m_state.paused, ProcessSample::current()});
    StreamResponder::Headers headers = Reply::commonHeaders(r);
    headers.append({QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")});
    resp->respond(200, QByteArray(Metrics::kContentType), body, headers);
    resp->deleteLater();
}
