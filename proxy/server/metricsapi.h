// SPDX-License-Identifier: MIT
// MetricsApi: GET /metrics, the Prometheus text exposition of Metrics and the live gauges.
#pragma once

#include <QObject>

#include "server/proxyserver.h"

class AccountService;
class Metrics;
class RequestLog;
struct RunState;

/// Who may scrape is ProxyServer's decision (Access::Metrics: the `metricsAuth` setting). A scrape reads the accounts,
/// the requests in flight and the run state at that moment; counters come from Metrics.
class MetricsApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsApi)
public:
    MetricsApi(const Metrics &metrics, const AccountService &accounts, const RequestLog &log, const RunState &state,
               ProxyServer &server, QObject *parent = nullptr);

private:
    void scrape(const HttpRequest &r, StreamResponder *resp);

    const Metrics &m_metrics;
    const AccountService &m_accounts;
    const RequestLog &m_log;
    const RunState &m_state;
};
