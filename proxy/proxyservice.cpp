// SPDX-License-Identifier: MIT
// ProxyService: builds the graph (clients, accounts, logs, server, routes) for both executables and runs it.
#include "proxyservice.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QRandomGenerator>
#include <QTimer>

#include "accounttester.h"
#include "common/durablefile.h"
#include "config/config.h"
#include "config/settings.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/kirorequests.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"
#include "logs/metrics.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "server/managementapi.h"
#include "server/messagesapi.h"
#include "server/metricsapi.h"
#include "server/proxyserver.h"
#include "server/runstate.h"

Q_LOGGING_CATEGORY(lcService, "kiro.proxy.service")

namespace {
AccountService::Source sourceFor(ProxyService::Mode mode)
{
    switch (mode) {
    case ProxyService::Mode::Desktop:
        return AccountService::Source::Pool;
    case ProxyService::Mode::HeadlessPool:
        return AccountService::Source::HeadlessPool;
    case ProxyService::Mode::HeadlessSingle:
        break;
    }
    return AccountService::Source::Seed;
}

QString dataFile(const Config &config, const char *name)
{
    return config.dataDir.isEmpty() ? QString() : QDir(config.dataDir).filePath(QLatin1String(name));
}
} // namespace

// Declaration order is construction order: each member only refers to members above it.
struct ProxyService::Private
{
    Private(const Config &initial, Mode mode)
        : settings(initial)
        , log(dataFile(config(), "requests.jsonl"), config().logSize)
        , stats(dataFile(config(), "statistics.json"))
        , refresher(&nam, config())
        , client(config())
        , usage(&nam, config())
        , runtime(&nam, config())
        , accounts(settings, sourceFor(mode), refresher, usage)
        , server(config())
        , messages({settings, state, accounts.pool(), refresher, client, runtime, log}, server)
        , management(accounts, log, state, server)
        , metricsApi(metrics, accounts, log, state, server)
    {}
    const Config &config() const { return settings.config(); }

    Settings settings; ///< the live configuration every object below reads
    RunState state;
    QNetworkAccessManager nam;
    RequestLog log;
    UsageStatistics stats;
    Metrics metrics; ///< counters since this process started, fed below
    TokenRefresher refresher;
    KiroClient client;
    UsageClient usage;
    RuntimeClient runtime;
    AccountService accounts;
    ProxyServer server;
    MessagesApi messages;
    ManagementApi management;
    MetricsApi metricsApi;
};

ProxyService::ProxyService(const Config &config, Mode mode, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(config, mode))
{
    KiroRequests::applyProxy(d->nam, d->config());
    connect(&d->settings, &Settings::changed, this, &ProxyService::applySetting);
    connect(&d->log, &RequestLog::rowAdded, &d->stats, &UsageStatistics::record);
    connect(&d->log, &RequestLog::rowAdded, &d->metrics, &Metrics::record);
    // A sign-in check of a login being imported runs under a probe id, not an account's: it counts without one.
    const auto refreshed = [this](const QString &id, const QString &failureKind) {
        const bool account = d->accounts.contains(id);
        d->metrics.recordRefresh(account ? id : QString(), account ? d->accounts.accountName(id) : QString(),
                                 failureKind);
    };
    connect(&d->refresher, &TokenRefresher::credentialRefreshed, &d->metrics,
            [refreshed](const QString &id) { refreshed(id, QString()); });
    connect(&d->refresher, &TokenRefresher::refreshFailed, &d->metrics,
            [refreshed](const QString &id, const UpstreamError &error) {
                refreshed(id, Metrics::refreshFailureKind(error));
            });
    connect(&d->accounts, &AccountService::noticeRaised, this, &ProxyService::noticeRaised);
}

ProxyService::~ProxyService()
{
    d->server.close(); // AccountService flushes accounts.json as it goes
}

const Config &ProxyService::config() const
{
    return d->config();
}

Settings &ProxyService::settings()
{
    return d->settings;
}

// What the composition root itself configures; the services follow their own settings.
void ProxyService::applySetting(const QString &key)
{
    const Config &c = d->config();
    if (key == QLatin1String("logSize"))
        d->log.setCapacity(c.logSize);
    else if (key.startsWith(QLatin1String("proxy")))
        KiroRequests::applyProxy(d->nam, c);
}

void ProxyService::testAccount(const QString &id, QObject *context, std::function<void(const AccountTestResult &)> done)
{
    auto *tester = new AccountTester(d->config(), d->accounts.pool(), d->refresher, d->client, this);
    tester->start(id, context, std::move(done));
}

AccountService &ProxyService::accounts()
{
    return d->accounts;
}

RequestLog &ProxyService::requestLog()
{
    return d->log;
}

UsageStatistics &ProxyService::statistics()
{
    return d->stats;
}

qint64 ProxyService::uptimeSeconds() const
{
    return d->state.uptimeSeconds();
}

QString ProxyService::stateText() const
{
    switch (m_state) {
    case State::Stopped:
        return tr("Stopped");
    case State::Running:
        return tr("Running");
    case State::Paused:
        return tr("Paused");
    case State::Failed:
        return tr("Failed");
    }
    return {};
}

QString ProxyService::endpoint() const
{
    return d->server.endpoint();
}

void ProxyService::setState(State state)
{
    m_state = state;
    d->state.paused = state == State::Paused;
    emit stateChanged(m_state);
}

void ProxyService::setPaused(bool paused)
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    const State next = paused ? State::Paused : State::Running;
    if (next != m_state)
        setState(next);
}

Expected<bool, QString> ProxyService::start()
{
    if (m_state == State::Running || m_state == State::Paused)
        return true;
    // The accounts are loaded once: a start after a failed listen or a stop only listens again.
    if (!m_loaded) {
        // The data directory 0700 and every file in it 0600 (earlier versions created them with the umask).
        for (const QString &problem : DurableFile::tightenDataDir(d->config().dataDir))
            qCWarning(lcService).noquote() << problem;
        const auto loaded = d->accounts.load();
        if (!loaded) {
            m_lastError = loaded.error();
            setState(State::Failed);
            return loaded;
        }
        m_loaded = true;
        d->messages.start();
    }
    d->accounts.startScans();
    const auto listened = listen(d->config());
    if (!listened) {
        m_lastError = listened.error();
        setState(State::Failed);
        return listened;
    }
    m_lastError.clear();
    d->state.uptime.start();
    setState(State::Running);
    qCInfo(lcService).noquote()
        << QStringLiteral("%1 account(s); secrets: %2").arg(d->accounts.size()).arg(d->accounts.secretStoreName());
    return true;
}

// ProxyServer replaces its listener only on success; it reads keys and limits from the live Config per request.
Expected<bool, QString> ProxyService::listen(const Config &config)
{
    QHostAddress address;
    if (config.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else
        address.setAddress(config.host);
    const auto result = d->server.listen(address, quint16(config.port), config.apiKey);
    if (!result)
        return Expected<bool, QString>::failure(result.error());
    emit endpointChanged(endpoint());
    return true;
}

int ProxyService::openStreams() const
{
    return d->server.openExchanges();
}

void ProxyService::stop(int graceMs, std::function<void()> done)
{
    if (!m_loaded) { // never started (e.g. waiting for the keychain): nothing to close or commit
        setState(State::Stopped);
        if (done)
            QTimer::singleShot(0, this, done);
        return;
    }
    const bool wasListening = !d->server.endpoint().isEmpty();
    d->server.close();
    d->accounts.stopScans();
    if (wasListening)
        emit endpointChanged(QString()); // nothing may hand out the address of a closed listener
    auto *timer = new QTimer(this);
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [this, timer, deadline, graceMs, done] {
        if (d->server.openExchanges() > 0 && deadline->elapsed() < graceMs)
            return;
        timer->stop();
        timer->deleteLater();
        // Changes still on their way to disk (an --import at start, a refresh that rotated a token) are committed
        // before the process may exit: whenDurable answers once the commit that carries them is done. A secret store
        // that does not answer holds the exit for at most kStopCommitMs.
        auto finished = std::make_shared<bool>(false);
        const auto finish = [this, done, finished](const QString &problem) {
            if (*finished)
                return;
            *finished = true;
            if (!problem.isEmpty())
                qCWarning(lcService).noquote() << "stopping:" << problem;
            d->accounts.flush();
            d->stats.flush();
            d->log.flush();
            d->state.uptime.invalidate();
            setState(State::Stopped);
            if (done)
                done();
        };
        d->accounts.whenDurable(this, finish);
        QTimer::singleShot(kStopCommitMs, this, [finish] {
            finish(QStringLiteral("the last account changes were not confirmed by the secret store in time"));
        });
    });
    timer->start();
}

// A new address is tried before anything changes, so a port in use leaves the running listener and the settings alone.
Expected<bool, QString> ProxyService::applyConfig(const Config &next)
{
    const auto valid = next.validate();
    if (!valid)
        return valid;
    const QString exposed = ProxyServer::exposureProblem(next.host, next.apiKey);
    if (!exposed.isEmpty())
        return Expected<bool, QString>::failure(exposed);
    const Config &now = d->config();
    // Port 0 means "any": the port it got is as good as asking for it again.
    const bool sameAddress = next.host == now.host && next.port != 0 && next.port == d->server.port();
    if (m_state == State::Failed && !m_loaded) {
        // The accounts never loaded: nothing to keep running, so the new settings apply and the start is tried again.
        const auto applied = d->settings.apply(next);
        if (!applied)
            return Expected<bool, QString>::failure(applied.error());
        return start();
    }
    const bool relisten =
        m_state == State::Failed || (Settings::needsRestart(Settings::changedKeys(now, next)) && !sameAddress);
    const bool listenAnew = relisten && m_state != State::Stopped;
    if (listenAnew) {
        const auto listened = listen(next);
        if (!listened)
            return listened;
    }
    const auto applied = d->settings.apply(next);
    if (!applied) {
        if (listenAnew)
            listen(d->config()); // back to the address the settings still name
        return Expected<bool, QString>::failure(applied.error());
    }
    if (listenAnew && m_state == State::Failed) {
        m_lastError.clear();
        d->state.uptime.start();
        setState(State::Running);
    }
    return true;
}

Expected<QString, QString> ProxyService::regenerateApiKey()
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    Config next = d->config();
    next.apiKey = QStringLiteral("kt-") +
                  QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const auto applied = applyConfig(next);
    if (!applied)
        return Expected<QString, QString>::failure(applied.error());
    return next.apiKey;
}
