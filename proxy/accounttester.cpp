// SPDX-License-Identifier: MIT
// AccountTester: refresh → build → KiroCall, collecting the answer's text until Kiro ends it or there is enough.
#include "accounttester.h"

#include "accounts/accountpool.h"
#include "accounts/accountpresenter.h"
#include "anthropic/messagesrequest.h"
#include "anthropic/modelmap.h"
#include "common/json.h"
#include "common/redactor.h"
#include "config/config.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/kirorequestbuilder.h"
#include "kiro/machineid.h"

AccountTester::AccountTester(const Config &config, AccountPool &pool, TokenRefresher &refresher, KiroClient &client,
                             QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_pool(pool)
    , m_refresher(refresher)
    , m_client(client)
{}

QString AccountTester::modelId()
{
    return ModelMap::normalize(QStringLiteral("claude-haiku-4-5"));
}

void AccountTester::start(const QString &accountId, QObject *context, Done done)
{
    m_id = accountId;
    m_context = context;
    m_done = std::move(done);
    m_clock.start();
    if (!m_pool.contains(accountId) || !m_pool.hasCredential(accountId)) {
        AccountTestResult r;
        r.accountId = accountId;
        r.error = m_pool.contains(accountId) ? tr("the account's secret is not loaded yet") : tr("no such account");
        // Never synchronously: the caller connects and shows "Testing…" first.
        QMetaObject::invokeMethod(
            this, [this, r] { finish(r); }, Qt::QueuedConnection);
        return;
    }
    m_refresher.ensureFresh(accountId, m_pool.credential(accountId), false, this, [this](const RefreshResult &r) {
        if (!r.ok) {
            m_pool.reportFailure(m_id, r.error);
            fail(r.error);
            return;
        }
        send(r.credential);
    });
}

void AccountTester::send(const KiroCredential &credential)
{
    const QByteArray body = QByteArrayLiteral(
        R"({"model":"claude-haiku-4-5","max_tokens":16,"messages":[{"role":"user","content":"Reply with: OK"}]})");
    const auto parsed = MessagesRequest::parse(body);
    if (!parsed) {
        fail(UpstreamError::configuration(parsed.error().message));
        return;
    }
    KiroBuildOptions options;
    options.kiroModelId = modelId();
    options.profileArn =
        credential.authMethod == KiroCredential::AuthMethod::Social ? credential.profileArn : QString();
    const auto built = KiroRequestBuilder::build(parsed.value(), options);
    if (!built) {
        fail(UpstreamError::configuration(built.error().message));
        return;
    }
    KiroCallOptions callOptions;
    callOptions.machineId = MachineId::derive(credential, m_config.machineId);
    callOptions.region = credential.apiRegion;
    m_call = m_client.send(Json::write(built->body), credential, callOptions);
    m_call->setParent(this);
    connect(m_call, &KiroCall::eventsReceived, this, [this](const QList<KiroEvent> &events) {
        for (const KiroEvent &e : events) {
            if (e.kind == KiroEvent::Kind::AssistantResponse)
                m_answer += e.text;
            else if (e.kind == KiroEvent::Kind::Exception || e.kind == KiroEvent::Kind::Error ||
                     e.kind == KiroEvent::Kind::InvalidState)
                m_streamError = e.message.isEmpty() ? e.eventType : e.message;
        }
        // The first words are all the page shows: no need to wait for (and pay for) more.
        if (m_answer.size() >= kMaxAnswerChars && m_streamError.isEmpty() && m_call) {
            AccountTestResult r;
            r.accountId = m_id;
            r.ok = true;
            r.answer = m_answer;
            finish(r); // before abort(): whatever the abort reports comes after the answer and is ignored
            m_call->abort();
        }
    });
    connect(m_call, &KiroCall::failed, this, [this](const UpstreamError &error) {
        if (error.blamesAccount())
            m_pool.reportFailure(m_id, error);
        fail(error);
    });
    connect(m_call, &KiroCall::finished, this, [this] {
        AccountTestResult r;
        r.accountId = m_id;
        if (!m_streamError.isEmpty()) {
            r.error = AccountPresenter::failureText(UpstreamError::stream(m_streamError));
        } else if (m_answer.trimmed().isEmpty()) {
            r.error = tr("Kiro answered without any text");
        } else {
            r.ok = true;
            r.answer = m_answer;
        }
        finish(r);
    });
}

void AccountTester::fail(const UpstreamError &error)
{
    AccountTestResult r;
    r.accountId = m_id;
    r.error = AccountPresenter::failureText(error);
    finish(r);
}

void AccountTester::finish(AccountTestResult result)
{
    if (m_finished)
        return;
    m_finished = true;
    result.latencyMs = m_clock.elapsed();
    result.answer = Redactor::scrub(result.answer.simplified()).left(kMaxAnswerChars);
    if (m_context && m_done)
        m_done(result);
    deleteLater();
}
