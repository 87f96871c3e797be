// SPDX-License-Identifier: MIT
// ManagementApi: status, accounts, import, usage, strategy and logs, with the pool fork's JSON shapes.
#include "server/managementapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <memory>

#include "accounts/accountservice.h"
#include "accounts/credentialimporter.h"
#include "anthropic/apierror.h"
#include "common/redactor.h"
#include "logs/requestlog.h"
#include "server/runstate.h"

namespace {
void errorJson(StreamResponder *resp, const HttpRequest &r, int status, const QString &message)
{
    Reply::json(resp, r, status, QJsonDocument(QJsonObject{{QStringLiteral("error"), Redactor::scrub(message)}}));
}

// A change that could not be made durable (disk full, read-only data directory, keychain refused): nothing was
// acknowledged, and the client is told in the Anthropic error shape.
void notSaved(StreamResponder *resp, const HttpRequest &r, const QString &message)
{
    Reply::error(resp, r, ApiError::make(500, QStringLiteral("the change was not saved: %1").arg(message)));
}

// "round-robin, random, least-used or sequential-exhaust", from SelectionStrategy itself.
QString strategyNames()
{
    QStringList names;
    for (SelectionStrategy::Kind kind : SelectionStrategy::all())
        names.append(SelectionStrategy::name(kind));
    const QString last = names.takeLast();
    return names.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

QJsonValue time(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODate)) : QJsonValue();
}
} // namespace

ManagementApi::ManagementApi(AccountService &accounts, RequestLog &log, const RunState &state, ProxyServer &server,
                             QObject *parent)
    : QObject(parent)
    , m_accounts(accounts)
    , m_log(log)
    , m_state(state)
{
    using A = ProxyServer::Access;
    using M = ManagementApi;
    server.addRoute("GET", QStringLiteral("/api/status"), A::Admin, this, &M::status);
    server.addRoute("GET", QStringLiteral("/api/accounts"), A::Admin, this, &M::listAccounts);
    server.addRoute("POST", QStringLiteral("/api/accounts"), A::Admin, this, &M::addAccount);
    server.addRoute("POST", QStringLiteral("/api/accounts/import"), A::Admin, this, &M::importAccounts);
    server.addRoute("DELETE", QStringLiteral("/api/accounts/{id}"), A::Admin, this, &M::deleteAccount);
    server.addRoute("POST", QStringLiteral("/api/accounts/{id}/enable"), A::Admin, this, &M::enableAccount);
    server.addRoute("POST", QStringLiteral("/api/accounts/{id}/disable"), A::Admin, this, &M::disableAccount);
    server.addRoute("GET", QStringLiteral("/api/accounts/{id}/usage"), A::Admin, this, &M::accountUsage);
    server.addRoute("POST", QStringLiteral("/api/accounts/{id}/usage/refresh"), A::Admin, this,
                    &M::refreshAccountUsage);
    server.addRoute("GET", QStringLiteral("/api/usage"), A::Admin, this, &M::allUsage);
    server.addRoute("POST", QStringLiteral("/api/usage/refresh"), A::Admin, this, &M::refreshAllUsage);
    server.addRoute("GET", QStringLiteral("/api/strategy"), A::Admin, this, &M::strategy);
    server.addRoute("POST", QStringLiteral("/api/strategy"), A::Admin, this, &M::setStrategy);
    server.addRoute("GET", QStringLiteral("/api/logs"), A::Admin, this, &M::logs);
    server.addRoute("GET", QStringLiteral("/api/logs/stats"), A::Admin, this, &M::logStats);
}

// Every change is answered once it is durable (AccountService::whenDurable).
void ManagementApi::deleteAccount(const HttpRequest &r, StreamResponder *s)
{
    if (!m_accounts.remove(r.pathArgs.value(0))) {
        errorJson(s, r, 404, QStringLiteral("account not found"));
        return;
    }
    answerWhenDurable(r, s, [](StreamResponder *guard, const HttpRequest &req) { Reply::empty(guard, req, 204); });
}

void ManagementApi::enableAccount(const HttpRequest &r, StreamResponder *s)
{
    answerEnabled(r, s, m_accounts.enable(r.pathArgs.value(0)));
}

void ManagementApi::disableAccount(const HttpRequest &r, StreamResponder *s)
{
    answerEnabled(r, s, m_accounts.disable(r.pathArgs.value(0)));
}

void ManagementApi::answerEnabled(const HttpRequest &r, StreamResponder *s, bool ok)
{
    if (!ok) {
        Reply::json(s, r, 200,
                    QJsonDocument(QJsonObject{{QStringLiteral("success"), false},
                                              {QStringLiteral("error"), QStringLiteral("account not found")}}));
        return;
    }
    answerWhenDurable(r, s, [](StreamResponder *guard, const HttpRequest &req) {
        Reply::json(guard, req, 200, QJsonDocument(QJsonObject{{QStringLiteral("success"), true}}));
    });
}

void ManagementApi::answerWhenDurable(const HttpRequest &r, StreamResponder *s,
                                      std::function<void(StreamResponder *, const HttpRequest &)> answer)
{
    QPointer<StreamResponder> guard(s);
    m_accounts.whenDurable(this, [guard, r, answer](const QString &error) {
        if (!guard)
            return;
        if (error.isEmpty())
            answer(guard, r);
        else
            notSaved(guard, r, error);
    });
}

void ManagementApi::accountUsage(const HttpRequest &r, StreamResponder *s)
{
    const auto usage = m_accounts.usage(r.pathArgs.value(0));
    if (!usage)
        errorJson(s, r, 404, QStringLiteral("no quota information yet; refresh it first"));
    else
        Reply::json(s, r, 200, QJsonDocument(usage->toJson()));
}

void ManagementApi::refreshAccountUsage(const HttpRequest &r, StreamResponder *s)
{
    const QString id = r.pathArgs.value(0);
    if (!m_accounts.contains(id)) {
        errorJson(s, r, 404, QStringLiteral("account not found"));
        return;
    }
    QPointer<StreamResponder> guard(s);
    m_accounts.refreshQuota(
        {id}, this,
        [this, guard, r](const QString &accountId, const QString &error) {
            if (!guard)
                return;
            if (!error.isEmpty())
                errorJson(guard, r, 500, error);
            else
                Reply::json(guard, r, 200, QJsonDocument(m_accounts.usage(accountId)->toJson()));
        },
        nullptr);
}

void ManagementApi::allUsage(const HttpRequest &r, StreamResponder *s)
{
    QJsonObject all;
    for (const Account &a : m_accounts.accounts()) {
        if (const auto u = m_accounts.usage(a.id))
            all.insert(a.id, u->toJson());
    }
    Reply::json(s, r, 200, QJsonDocument(all));
}

void ManagementApi::refreshAllUsage(const HttpRequest &r, StreamResponder *s)
{
    QPointer<StreamResponder> guard(s);
    auto results = std::make_shared<QJsonArray>();
    m_accounts.refreshQuota(
        {}, this,
        [this, results](const QString &id, const QString &error) {
            QJsonObject row{{QStringLiteral("id"), id}, {QStringLiteral("success"), error.isEmpty()}};
            if (error.isEmpty())
                row.insert(QStringLiteral("usage"), m_accounts.usage(id)->toJson());
            else
                row.insert(QStringLiteral("error"), Redactor::scrub(error));
            results->append(row);
        },
        [guard, r, results] {
            if (guard)
                Reply::json(guard, r, 200, QJsonDocument(*results));
        });
}

void ManagementApi::strategy(const HttpRequest &r, StreamResponder *s)
{
    Reply::json(
        s, r, 200,
        QJsonDocument(QJsonObject{{QStringLiteral("strategy"), SelectionStrategy::name(m_accounts.strategy())}}));
}

void ManagementApi::setStrategy(const HttpRequest &r, StreamResponder *s)
{
    SelectionStrategy::Kind kind;
    const QString name = QJsonDocument::fromJson(r.body).object().value(QStringLiteral("strategy")).toString();
    if (!SelectionStrategy::fromName(name, &kind)) {
        errorJson(s, r, 400, QStringLiteral("invalid strategy; use %1").arg(strategyNames()));
        return;
    }
    const auto saved = m_accounts.setStrategy(kind); // config.json is durable once this returns
    if (!saved) {
        notSaved(s, r, saved.error());
        return;
    }
    Reply::json(s, r, 200, QJsonDocument(QJsonObject{{QStringLiteral("success"), true}}));
}

void ManagementApi::logs(const HttpRequest &r, StreamResponder *s)
{
    bool ok = false;
    int limit = r.query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit <= 0)
        limit = 100;
    QJsonArray rows;
    for (const RequestLogRow &row : m_log.rows()) {
        if (rows.size() >= limit)
            break;
        rows.append(row.toJson());
    }
    Reply::json(s, r, 200, QJsonDocument(rows));
}

void ManagementApi::logStats(const HttpRequest &r, StreamResponder *s)
{
    const RequestLog::Stats st = m_log.stats();
    Reply::json(s, r, 200,
                QJsonDocument(QJsonObject{{QStringLiteral("total_requests"), st.total},
                                          {QStringLiteral("success_requests"), st.success},
                                          {QStringLiteral("failed_requests"), st.failed},
                                          {QStringLiteral("total_input_tokens"), st.inputTokens},
                                          {QStringLiteral("total_output_tokens"), st.outputTokens},
                                          {QStringLiteral("avg_duration_ms"), st.avgDurationMs}}));
}

QJsonObject ManagementApi::importResult(const ImportCandidate &c, const AccountService::Added *added)
{
    QJsonObject row{{QStringLiteral("name"), c.name}};
    if (!added) {
        row.insert(QStringLiteral("success"), false);
        row.insert(QStringLiteral("result"), c.duplicate ? QStringLiteral("duplicate") : QStringLiteral("invalid"));
        row.insert(QStringLiteral("error"), c.duplicate ? QStringLiteral("duplicate of an account already imported")
                                                        : c.problems.join(QStringLiteral("; ")));
        return row;
    }
    const bool ok = !added->accountId.isEmpty();
    row.insert(QStringLiteral("success"), ok);
    row.insert(QStringLiteral("result"), ok                ? QStringLiteral("added")
                                         : added->notSaved ? QStringLiteral("not_saved")
                                                           : QStringLiteral("rejected"));
    if (ok)
        row.insert(QStringLiteral("id"), added->accountId);
    else
        row.insert(QStringLiteral("error"), Redactor::scrub(added->error));
    return row;
}

QJsonObject ManagementApi::accountJson(const Account &a)
{
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
    for (const Account &a : m_accounts.accounts()) {
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
    const QJsonObject pool{{QStringLiteral("total"), m_accounts.size()},
                           {QStringLiteral("active"), active},
                           {QStringLiteral("cooldown"), cooldown},
                           {QStringLiteral("exhausted"), exhausted},
                           {QStringLiteral("invalid"), 0},
                           {QStringLiteral("disabled"), disabled},
                           {QStringLiteral("available"), m_accounts.availableCount()},
                           {QStringLiteral("total_requests"), requests},
                           {QStringLiteral("total_errors"), errors}};
    Reply::json(resp, r, 200,
                QJsonDocument(QJsonObject{
                    {QStringLiteral("status"), m_state.paused ? QStringLiteral("paused") : QStringLiteral("running")},
                    {QStringLiteral("version"), QStringLiteral(KIRO_VERSION_STRING)},
                    {QStringLiteral("uptime_secs"), m_state.uptimeSeconds()},
                    {QStringLiteral("strategy"), SelectionStrategy::name(m_accounts.strategy())},
                    {QStringLiteral("pool"), pool}}));
}

void ManagementApi::listAccounts(const HttpRequest &r, StreamResponder *resp)
{
    QJsonArray list;
    for (const Account &a : m_accounts.accounts())
        list.append(accountJson(a));
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
    const ImportParse parsed = m_accounts.parseImport(QString::fromUtf8(QJsonDocument(o).toJson()));
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
    m_accounts.validateAndAdd(c, this, [guard, r](const AccountService::Added &added) {
        if (!guard)
            return;
        if (added.notSaved)
            notSaved(guard, r, added.error);
        else if (added.accountId.isEmpty())
            errorJson(guard, r, 400, added.error);
        else
            Reply::json(guard, r, 201, QJsonDocument(QJsonObject{{QStringLiteral("id"), added.accountId}}));
    });
}

void ManagementApi::importAccounts(const HttpRequest &r, StreamResponder *resp)
{
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    const QJsonValue raw = o.value(QStringLiteral("raw_json"));
    const QString text = raw.isString() ? raw.toString() : QString::fromUtf8(QJsonDocument(raw.toObject()).toJson());
    ImportParse parsed = m_accounts.parseImport(text);
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
        QString notSaved; ///< why an account could not be saved, if one could not
        int pending = 0;
    };
    auto state = std::make_shared<State>();
    QPointer<StreamResponder> guard(resp);
    auto finishIfDone = [state, guard, r] {
        if (state->pending > 0 || !guard)
            return;
        if (state->firstId.isEmpty() && !state->notSaved.isEmpty()) {
            notSaved(guard, r, state->notSaved);
            return;
        }
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
            state->results.append(importResult(c, nullptr));
            --state->pending;
            continue;
        }
        m_accounts.validateAndAdd(c, this, [state, c, finishIfDone](const AccountService::Added &added) {
            const QString &id = added.accountId;
            const QJsonObject row = importResult(c, &added);
            if (added.notSaved)
                state->notSaved = added.error;
            if (state->firstId.isEmpty())
                state->firstId = id;
            state->results.append(row);
            --state->pending;
            finishIfDone();
        });
    }
    finishIfDone();
}
