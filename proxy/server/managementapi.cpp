// SPDX-License-Identifier: MIT
// ManagementApi: status, accounts, import, usage, strategy and logs, with the pool fork's JSON shapes.
#include "server/managementapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <memory>

#include "accounts/accountpool.h"
#include "accounts/credentialimporter.h"
#include "kiro/client/tokenrefresher.h"
#include "logs/requestlog.h"
#include "proxyservice.h"

namespace {
void errorJson(StreamResponder *resp, const HttpRequest &r, int status, const QString &message)
{
    Reply::json(resp, r, status, QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}));
}

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}
} // namespace

ManagementApi::ManagementApi(ProxyService &service, ProxyServer &server, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    using A = ProxyServer::Access;
    server.addRoute("GET", QStringLiteral("/api/status"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) { status(r, s); });
    server.addRoute("GET", QStringLiteral("/api/accounts"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) { listAccounts(r, s); });
    server.addRoute("POST", QStringLiteral("/api/accounts"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) { addAccount(r, s); });
    server.addRoute("POST", QStringLiteral("/api/accounts/import"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) { importAccounts(r, s); });
    server.addRoute("DELETE", QStringLiteral("/api/accounts/{id}"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) {
                        if (m_service.pool().removeAccount(r.pathArgs.value(0)))
                            Reply::empty(s, r, 204);
                        else
                            errorJson(s, r, 404, QStringLiteral("account not found"));
                    });
    for (const bool enable : {true, false}) {
        server.addRoute(
            "POST", enable ? QStringLiteral("/api/accounts/{id}/enable") : QStringLiteral("/api/accounts/{id}/disable"),
            A::Admin, [this, enable](const HttpRequest &r, StreamResponder *s) {
                const QString id = r.pathArgs.value(0);
                const bool ok = enable ? m_service.pool().enable(id) : m_service.pool().disable(id);
                QJsonObject body{{QStringLiteral("success"), ok}};
                if (!ok)
                    body.insert(QStringLiteral("error"), QStringLiteral("account not found"));
                Reply::json(s, r, 200, QJsonDocument(body));
            });
    }
    server.addRoute("GET", QStringLiteral("/api/accounts/{id}/usage"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) {
                        const auto usage = m_service.usage(r.pathArgs.value(0));
                        if (!usage)
                            errorJson(s, r, 404, QStringLiteral("no quota information yet; refresh it first"));
                        else
                            Reply::json(s, r, 200, QJsonDocument(usage->toJson()));
                    });
    server.addRoute("POST", QStringLiteral("/api/accounts/{id}/usage/refresh"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) {
                        const QString id = r.pathArgs.value(0);
                        if (!m_service.pool().contains(id)) {
                            errorJson(s, r, 404, QStringLiteral("account not found"));
                            return;
                        }
                        QPointer<StreamResponder> guard(s);
                        m_service.refreshQuota(
                            {id}, this,
                            [this, guard, r](const QString &accountId, const QString &error) {
                                if (!guard)
                                    return;
                                if (!error.isEmpty())
                                    errorJson(guard, r, 500, error);
                                else
                                    Reply::json(guard, r, 200, QJsonDocument(m_service.usage(accountId)->toJson()));
                            },
                            nullptr);
                    });
    server.addRoute("GET", QStringLiteral("/api/usage"), A::Admin, [this](const HttpRequest &r, StreamResponder *s) {
        QJsonObject all;
        for (const Account &a : m_service.pool().accounts()) {
            if (const auto u = m_service.usage(a.id))
                all.insert(a.id, u->toJson());
        }
        Reply::json(s, r, 200, QJsonDocument(all));
    });
    server.addRoute(
        "POST", QStringLiteral("/api/usage/refresh"), A::Admin, [this](const HttpRequest &r, StreamResponder *s) {
            QPointer<StreamResponder> guard(s);
            auto results = std::make_shared<QJsonArray>();
            m_service.refreshQuota(
                {}, this,
                [this, results](const QString &id, const QString &error) {
                    QJsonObject row{{QStringLiteral("id"), id}, {QStringLiteral("success"), error.isEmpty()}};
                    if (error.isEmpty())
                        row.insert(QStringLiteral("usage"), m_service.usage(id)->toJson());
                    else
                        row.insert(QStringLiteral("error"), error);
                    results->append(row);
                },
                [guard, r, results] {
                    if (guard)
                        Reply::json(guard, r, 200, QJsonDocument(*results));
                });
        });
    server.addRoute("GET", QStringLiteral("/api/strategy"), A::Admin, [this](const HttpRequest &r, StreamResponder *s) {
        Reply::json(s, r, 200,
                    QJsonDocument(QJsonObject{
                        {QStringLiteral("strategy"), SelectionStrategy::name(m_service.pool().strategy())}}));
    });
    server.addRoute(
        "POST", QStringLiteral("/api/strategy"), A::Admin, [this](const HttpRequest &r, StreamResponder *s) {
            SelectionStrategy::Kind kind;
            const QString name = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("strategy")).toString();
            if (!SelectionStrategy::fromName(name, &kind)) {
                errorJson(
                    s, r, 400,
                    QStringLiteral("invalid strategy; use round-robin, random, least-used or sequential-exhaust"));
                return;
            }
            m_service.pool().setStrategy(kind);
            Reply::json(s, r, 200, QJsonDocument(QJsonObject{{QStringLiteral("success"), true}}));
        });
    server.addRoute("GET", QStringLiteral("/api/logs"), A::Admin, [this](const HttpRequest &r, StreamResponder *s) {
        bool ok = false;
        int limit = r.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || limit <= 0)
            limit = 100;
        QJsonArray rows;
        for (const RequestLogRow &row : m_service.requestLog().rows()) {
            if (rows.size() >= limit)
                break;
            rows.append(row.toJson());
        }
        Reply::json(s, r, 200, QJsonDocument(rows));
    });
    server.addRoute("GET", QStringLiteral("/api/logs/stats"), A::Admin,
                    [this](const HttpRequest &r, StreamResponder *s) {
                        const RequestLog::Stats st = m_service.requestLog().stats();
                        Reply::json(s, r, 200,
                                    QJsonDocument(QJsonObject{{QStringLiteral("total_requests"), st.total},
                                                              {QStringLiteral("success_requests"), st.success},
                                                              {QStringLiteral("failed_requests"), st.failed},
                                                              {QStringLiteral("total_input_tokens"), st.inputTokens},
                                                              {QStringLiteral("total_output_tokens"), st.outputTokens},
                                                              {QStringLiteral("avg_duration_ms"), st.avgDurationMs}}));
                    });
}

QJsonObject ManagementApi::accountJson(const QString &id) const
{
    const Account a = m_service.pool().account(id);
    QJsonObject o{{QStringLiteral("id"), a.id},
                  {QStringLiteral("name"), a.name},
                  {QStringLiteral("email"), a.email},
                  {QStringLiteral("status"), Account::statusName(a.status)},
                  {QStringLiteral("status_reason"), Account::reasonName(a.reason)},
                  {QStringLiteral("status_text"), a.statusText()},
                  {QStringLiteral("auth_method"), KiroCredential::authMethodName(a.authMethod)},
                  {QStringLiteral("request_count"), a.requests},
                  {QStringLiteral("success_count"), a.successes},
                  {QStringLiteral("error_count"), a.errors},
                  {QStringLiteral("last_used_at"), time(a.lastUsed)},
                  {QStringLiteral("created_at"), time(a.created)},
                  {QStringLiteral("cooldown_until"), time(a.cooldownUntil)},
                  {QStringLiteral("exhausted_until"), time(a.exhaustedUntil)}};
    if (a.hasQuota) {
        o.insert(QStringLiteral("quota"), QJsonObject{{QStringLiteral("limit"), a.quotaLimit},
                                                      {QStringLiteral("used"), a.quotaUsed},
                                                      {QStringLiteral("remaining_percent"), a.quotaRemainingPercent()},
                                                      {QStringLiteral("reset_at"), time(a.quotaResetAt)}});
    }
    return o;
}

void ManagementApi::status(const HttpRequest &r, StreamResponder *resp)
{
    int active = 0, cooldown = 0, exhausted = 0, disabled = 0;
    qint64 requests = 0, errors = 0;
    for (const Account &a : m_service.pool().accounts()) {
        switch (a.status) {
        case Account::Status::Active:
            ++active;
            break;
        case Account::Status::Cooldown:
            ++cooldown;
            break;
        case Account::Status::Exhausted:
            ++exhausted;
            break;
        case Account::Status::Disabled:
            ++disabled;
            break;
        }
        requests += a.requests;
        errors += a.errors;
    }
    const QJsonObject pool{{QStringLiteral("total"), m_service.pool().size()},
                           {QStringLiteral("active"), active},
                           {QStringLiteral("cooldown"), cooldown},
                           {QStringLiteral("exhausted"), exhausted},
                           {QStringLiteral("invalid"), 0},
                           {QStringLiteral("disabled"), disabled},
                           {QStringLiteral("available"), m_service.pool().availableCount()},
                           {QStringLiteral("total_requests"), requests},
                           {QStringLiteral("total_errors"), errors}};
    Reply::json(
        resp, r, 200,
        QJsonDocument(QJsonObject{
            {QStringLiteral("status"), m_service.isPaused() ? QStringLiteral("paused") : QStringLiteral("running")},
            {QStringLiteral("version"), QStringLiteral(KIRO_VERSION_STRING)},
            {QStringLiteral("uptime_secs"), m_service.uptimeSeconds()},
            {QStringLiteral("strategy"), SelectionStrategy::name(m_service.pool().strategy())},
            {QStringLiteral("pool"), pool}}));
}

void ManagementApi::listAccounts(const HttpRequest &r, StreamResponder *resp)
{
    QJsonArray list;
    for (const Account &a : m_service.pool().accounts())
        list.append(accountJson(a.id));
    Reply::json(resp, r, 200, QJsonDocument(list));
}

void ManagementApi::addAccount(const HttpRequest &r, StreamResponder *resp)
{
    QJsonParseError error;
    const QJsonObject o = QJsonDocument::fromJson(r.body, &error).object();
    if (error.error != QJsonParseError::NoError) {
        errorJson(resp, r, 400, QStringLiteral("invalid JSON: %1").arg(error.errorString()));
        return;
    }
    QSet<QString> existing;
    for (const Account &a : m_service.pool().accounts())
        existing.insert(a.refreshTokenHash);
    const ImportParse parsed = CredentialImporter::parse(QString::fromUtf8(QJsonDocument(o).toJson()), existing);
    if (!parsed.error.isEmpty() || parsed.candidates.size() != 1) {
        errorJson(resp, r, 400, parsed.error.isEmpty() ? QStringLiteral("expected one account") : parsed.error);
        return;
    }
    ImportCandidate c = parsed.candidates.first();
    if (c.duplicate) {
        errorJson(resp, r, 409, QStringLiteral("this account is already in the pool"));
        return;
    }
    if (!c.problems.isEmpty()) {
        errorJson(resp, r, 400,
                  QStringLiteral("credential validation failed: %1").arg(c.problems.join(QStringLiteral("; "))));
        return;
    }
    QPointer<StreamResponder> guard(resp);
    m_service.validateAndAdd(c, this, [guard, r](const QString &id, const QString &err) {
        if (!guard)
            return;
        if (id.isEmpty())
            errorJson(guard, r, 400, err);
        else
            Reply::json(guard, r, 201, QJsonDocument(QJsonObject{{QStringLiteral("id"), id}}));
    });
}

void ManagementApi::importAccounts(const HttpRequest &r, StreamResponder *resp)
{
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    const QJsonValue raw = o.value(QStringLiteral("raw_json"));
    const QString text = raw.isString() ? raw.toString() : QString::fromUtf8(QJsonDocument(raw.toObject()).toJson());
    QSet<QString> existing;
    for (const Account &a : m_service.pool().accounts())
        existing.insert(a.refreshTokenHash);
    ImportParse parsed = CredentialImporter::parse(text, existing);
    if (!parsed.error.isEmpty()) {
        errorJson(resp, r, 400, QStringLiteral("JSON parse failed: %1").arg(parsed.error));
        return;
    }
    const QString name = o.value(QStringLiteral("name")).toString();
    if (!name.isEmpty() && parsed.candidates.size() == 1)
        parsed.candidates[0].name = name;

    struct State
    {
        QJsonArray results;
        QString firstId;
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    QPointer<StreamResponder> guard(resp);
    auto finishIfDone = [state, guard, r] {
        if (state->pending > 0 || !guard)
            return;
        if (state->firstId.isEmpty()) {
            QString why;
            for (const QJsonValue &v : state->results)
                why += v.toObject().value(QStringLiteral("error")).toString() + QStringLiteral("; ");
            why.chop(2);
            Reply::json(guard, r, 400,
                        QJsonDocument(
                            QJsonObject{{QStringLiteral("error"), why}, {QStringLiteral("results"), state->results}}));
            return;
        }
        Reply::json(guard, r, 201,
                    QJsonDocument(QJsonObject{{QStringLiteral("id"), state->firstId},
                                              {QStringLiteral("results"), state->results}}));
    };
    state->pending = int(parsed.candidates.size());
    for (const ImportCandidate &c : std::as_const(parsed.candidates)) {
        if (c.duplicate || !c.problems.isEmpty()) {
            state->results.append(QJsonObject{
                {QStringLiteral("name"), c.name},
                {QStringLiteral("success"), false},
                {QStringLiteral("error"), c.duplicate ? QStringLiteral("duplicate of an account already imported")
                                                      : c.problems.join(QStringLiteral("; "))}});
            --state->pending;
            continue;
        }
        m_service.validateAndAdd(c, this, [state, c, finishIfDone](const QString &id, const QString &err) {
            QJsonObject row{{QStringLiteral("name"), c.name}, {QStringLiteral("success"), !id.isEmpty()}};
            if (id.isEmpty())
                row.insert(QStringLiteral("error"), err);
            else
                row.insert(QStringLiteral("id"), id);
            if (state->firstId.isEmpty())
                state->firstId = id;
            state->results.append(row);
            --state->pending;
            finishIfDone();
        });
    }
    finishIfDone();
}
