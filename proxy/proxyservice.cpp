// SPDX-License-Identifier: MIT
// ProxyService: builds and wires the object graph (stores, pool, Kiro clients, server routes) for both executables.
#include "proxyservice.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTimer>

#include "accounts/accountpool.h"
#include "accounts/accountstore.h"
#include "accounts/credentialimporter.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "anthropic/messagesrequest.h"
#include "anthropic/modelcatalogue.h"
#include "anthropic/modelmap.h"
#include "anthropic/tokenestimator.h"
#include "config/config.h"
#include "config/seedcredentials.h"
#include "kiro/client/kiroclient.h"
#include "kiro/client/kirorequests.h"
#include "kiro/client/runtimeclient.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"
#include "kiro/machineid.h"
#include "logs/requestlog.h"
#include "logs/usagestatistics.h"
#include "modelregistry.h"
#include "server/managementapi.h"
#include "server/messageexchange.h"
#include "server/proxyserver.h"

Q_LOGGING_CATEGORY(lcService, "kiro.proxy.service")

struct ProxyService::Private
{
    Config config;
    QNetworkAccessManager nam;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<AccountStore> store;
    std::unique_ptr<AccountPool> pool;
    std::unique_ptr<RequestLog> log;
    std::unique_ptr<UsageStatistics> stats;
    std::unique_ptr<TokenRefresher> refresher;
    std::unique_ptr<KiroClient> client;
    std::unique_ptr<UsageClient> usage;
    std::unique_ptr<RuntimeClient> runtime;
    ModelMap models;
    ModelCatalogue catalogue;
    std::unique_ptr<ModelRegistry> modelRegistry;
    std::unique_ptr<ProxyServer> server;
    std::unique_ptr<ManagementApi> api;
    QTimer recoveryTimer;
    QTimer exhaustedTimer;
    QTimer quotaTimer;
    QString seedCredentialsPath;
    QHash<QString, int> seedIndex; ///< single mode: account id → entry in credentials.json
    QElapsedTimer uptime;
};

ProxyService::ProxyService(const Config &config, Mode mode, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
    , m_mode(mode)
{
    d->config = config;
    d->pool = std::make_unique<AccountPool>(Clock::system(), this);
    d->log = std::make_unique<RequestLog>(
        config.dataDir.isEmpty() ? QString() : QDir(config.dataDir).filePath(QStringLiteral("requests.jsonl")),
        config.logSize, this);
    d->stats = std::make_unique<UsageStatistics>(
        config.dataDir.isEmpty() ? QString() : QDir(config.dataDir).filePath(QStringLiteral("statistics.json")), this);
    connect(d->log.get(), &RequestLog::rowAdded, d->stats.get(), &UsageStatistics::record);
    // The Kiro clients read d->config, the one live configuration.
    KiroRequests::applyProxy(d->nam, d->config);
    d->refresher = std::make_unique<TokenRefresher>(&d->nam, d->config, this);
    d->client = std::make_unique<KiroClient>(d->config, this);
    d->usage = std::make_unique<UsageClient>(&d->nam, d->config, this);
    d->runtime = std::make_unique<RuntimeClient>(&d->nam, d->config, this);
    d->modelRegistry =
        std::make_unique<ModelRegistry>(d->config, *d->pool, *d->refresher, *d->runtime, d->models, d->catalogue, this);
    d->server = std::make_unique<ProxyServer>(this);
    d->models.setAliases(config.modelAliases);
    d->catalogue.setExtraIds(config.modelAliases.keys());
}

ProxyService::~ProxyService()
{
    if (d->store)
        d->store->flush();
    d->server->close();
}

const Config &ProxyService::config() const
{
    return d->config;
}

AccountPool &ProxyService::pool()
{
    return *d->pool;
}

RequestLog &ProxyService::requestLog()
{
    return *d->log;
}

UsageStatistics &ProxyService::statistics()
{
    return *d->stats;
}

SecretStore &ProxyService::secretStore()
{
    return *d->secrets;
}

TokenRefresher &ProxyService::tokenRefresher()
{
    return *d->refresher;
}

UsageClient &ProxyService::usageClient()
{
    return *d->usage;
}

const ModelCatalogue &ProxyService::catalogue() const
{
    return d->catalogue;
}

qint64 ProxyService::uptimeSeconds() const
{
    return d->uptime.isValid() ? d->uptime.elapsed() / 1000 : 0;
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

quint16 ProxyService::port() const
{
    return d->server->port();
}

QString ProxyService::endpoint() const
{
    if (!d->server->isListening())
        return {};
    QString host = d->config.host;
    if (host == QLatin1String("0.0.0.0") || host == QLatin1String("::") || host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return QStringLiteral("http://%1:%2").arg(host).arg(d->server->port());
}

QString ProxyService::secretStoreName() const
{
    return d->secrets ? d->secrets->backendName() : QString();
}

void ProxyService::setPaused(bool paused)
{
    if (m_state != State::Running && m_state != State::Paused)
        return;
    const State next = paused ? State::Paused : State::Running;
    if (next == m_state)
        return;
    m_state = next;
    emit stateChanged(m_state);
}

// ---- start-up -------------------------------------------------------------------------------------------------

Expected<bool, QString> ProxyService::setUpSecretsAndAccounts()
{
    const QString dataDir = d->config.dataDir;
    if (m_mode == Mode::HeadlessSingle) {
        d->secrets = std::make_unique<MemorySecretStore>(this);
        QList<KiroCredential> creds;
        if (d->config.envCredential) {
            creds.append(*d->config.envCredential);
        } else {
            d->seedCredentialsPath = QDir(dataDir).filePath(QStringLiteral("credentials.json"));
            if (!QFile::exists(d->seedCredentialsPath) && QFile::exists(QStringLiteral("credentials.json")))
                d->seedCredentialsPath = QDir::current().absoluteFilePath(QStringLiteral("credentials.json"));
            if (!QFile::exists(d->seedCredentialsPath)) {
                return Expected<bool, QString>::failure(
                    QStringLiteral("no Kiro account: put credentials.json in %1, set REFRESH_TOKEN (and AUTH_METHOD), "
                                   "or run with POOL_MODE=true and import accounts")
                        .arg(QDir::toNativeSeparators(dataDir)));
            }
            const auto read = SeedCredentials::read(d->seedCredentialsPath);
            if (!read)
                return Expected<bool, QString>::failure(read.error());
            creds = read.value();
        }
        QList<Account> accounts;
        const QDateTime start = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < creds.size(); ++i) {
            Account a;
            a.id = QStringLiteral("single-%1").arg(i + 1);
            a.name = creds.size() == 1 ? QStringLiteral("account") : QStringLiteral("account %1").arg(i + 1);
            a.authMethod = creds.at(i).authMethod;
            a.created = start.addMSecs(i);
            a.refreshTokenHash = Account::hashToken(creds.at(i).refreshToken);
            accounts.append(a);
            d->seedIndex.insert(a.id, i);
        }
        d->pool->load(accounts);
        for (int i = 0; i < creds.size(); ++i)
            d->pool->setCredential(accounts.at(i).id, creds.at(i));
        if (!d->seedCredentialsPath.isEmpty()) {
            connect(d->pool.get(), &AccountPool::credentialChanged, this, [this](const QString &id) {
                const auto written =
                    SeedCredentials::writeBack(d->seedCredentialsPath, d->seedIndex.value(id), d->pool->credential(id));
                if (!written)
                    qCWarning(lcService).noquote() << "could not store the refreshed token:" << written.error();
            });
        }
        return true;
    }

    // Pool modes: metadata in accounts.json, secrets in the keychain or secrets.json.
    const QString choice = d->config.secretStore;
    const bool haveBus = QProcessEnvironment::systemEnvironment().contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    if (choice == QLatin1String("file") ||
        (choice == QLatin1String("auto") && m_mode == Mode::HeadlessPool && !haveBus)) {
        auto file = std::make_unique<FileSecretStore>(QDir(dataDir).filePath(QStringLiteral("secrets.json")), this);
        if (!file->loadProblem().isEmpty())
            emit noticeRaised(Notice::Info, tr("Secrets file"), file->loadProblem());
        d->secrets = std::move(file);
    } else {
        d->secrets = std::make_unique<KeychainSecretStore>(QStringLiteral("kiro-tray"), this);
    }
    connect(d->secrets.get(), &SecretStore::problemOccurred, this,
            [this](const QString &message) { emit noticeRaised(Notice::Info, tr("Secret storage"), message); });

    d->store = std::make_unique<AccountStore>(QDir(dataDir).filePath(QStringLiteral("accounts.json")), this);
    const AccountStore::Contents contents = d->store->load();
    if (!contents.notice.isEmpty())
        emit noticeRaised(Notice::Info, tr("Accounts file"), contents.notice);
    SelectionStrategy::Kind strategy;
    if (SelectionStrategy::fromName(contents.strategy.isEmpty() ? d->config.strategy : contents.strategy, &strategy))
        d->pool->setStrategy(strategy);
    d->pool->load(contents.accounts);
    for (const Account &a : contents.accounts) {
        const QString id = a.id;
        d->secrets->load(id, this, [this, id](const Expected<KiroCredential, QString> &r) {
            if (r)
                d->pool->setCredential(id, r.value());
            else
                emit noticeRaised(Notice::AccountNeedsReimport, tr("Account secret missing"), r.error());
        });
    }
    auto save = [this] { d->store->scheduleSave(d->pool->accounts(), SelectionStrategy::name(d->pool->strategy())); };
    connect(d->pool.get(), &AccountPool::accountsChanged, this, save);
    connect(d->pool.get(), &AccountPool::accountChanged, this, save);
    connect(d->pool.get(), &AccountPool::strategyChanged, this, save);
    connect(d->pool.get(), &AccountPool::credentialChanged, this, [this](const QString &id) {
        if (d->pool->hasCredential(id))
            d->secrets->store(id, d->pool->credential(id), this, nullptr);
    });
    connect(d->pool.get(), &AccountPool::accountRemoved, this,
            [this](const QString &id) { d->secrets->remove(id, this, nullptr); });
    connect(d->store.get(), &AccountStore::saveFailed, this,
            [this](const QString &message) { emit noticeRaised(Notice::Info, tr("Cannot save accounts"), message); });

    if (!d->config.importFile.isEmpty()) {
        QFile f(d->config.importFile);
        if (!f.open(QIODevice::ReadOnly))
            return Expected<bool, QString>::failure(
                QStringLiteral("%1: cannot read (%2)").arg(d->config.importFile, f.errorString()));
        QSet<QString> existing;
        for (const Account &a : d->pool->accounts())
            existing.insert(a.refreshTokenHash);
        const ImportParse parsed = CredentialImporter::parse(QString::fromUtf8(f.readAll()), existing);
        if (!parsed.error.isEmpty())
            return Expected<bool, QString>::failure(QStringLiteral("%1: %2").arg(d->config.importFile, parsed.error));
        for (const ImportCandidate &c : parsed.candidates) {
            if (c.duplicate) {
                qCInfo(lcService).noquote() << "import: skipped a duplicate of an existing account:" << c.name;
                continue;
            }
            if (!c.problems.isEmpty()) {
                qCWarning(lcService).noquote()
                    << "import: skipped" << c.name << "—" << c.problems.join(QStringLiteral("; "));
                continue;
            }
            Account a;
            a.name = c.name;
            a.email = c.email;
            a.provider = c.provider;
            a.region = c.credential.region;
            const auto added = d->pool->addAccount(a, c.credential);
            if (added)
                qCInfo(lcService).noquote() << "import: added account" << c.name;
        }
    }
    return true;
}

void ProxyService::registerRoutes()
{
    ProxyServer &s = *d->server;
    s.addRoute("GET", QStringLiteral("/health"), ProxyServer::Access::Public,
               [this](const HttpRequest &r, StreamResponder *resp) {
                   Reply::json(resp, r, 200,
                               QJsonDocument(QJsonObject{
                                   {QStringLiteral("status"),
                                    m_state == State::Paused ? QStringLiteral("paused") : QStringLiteral("ok")},
                                   {QStringLiteral("version"), QStringLiteral(KIRO_VERSION_STRING)},
                                   {QStringLiteral("uptime_secs"), uptimeSeconds()},
                                   {QStringLiteral("accounts"), d->pool->size()},
                                   {QStringLiteral("available_accounts"), d->pool->availableCount()}}));
               });
    s.addRoute("POST", QStringLiteral("/v1/messages"), ProxyServer::Access::Client,
               [this](const HttpRequest &r, StreamResponder *resp) { handleMessages(r, resp); });
    s.addRoute("POST", QStringLiteral("/v1/messages/count_tokens"), ProxyServer::Access::Client,
               [](const HttpRequest &r, StreamResponder *resp) {
                   const auto parsed = MessagesRequest::parse(r.body, MessagesRequest::Kind::CountTokens);
                   if (!parsed) {
                       Reply::error(resp, r, parsed.error());
                       return;
                   }
                   Reply::json(resp, r, 200,
                               QJsonDocument(QJsonObject{
                                   {QStringLiteral("input_tokens"), TokenEstimator::estimateRequest(parsed.value())}}));
               });
    s.addRoute("GET", QStringLiteral("/v1/models"), ProxyServer::Access::Client,
               [this](const HttpRequest &r, StreamResponder *resp) {
                   const auto list = d->catalogue.list(r.query);
                   if (!list)
                       Reply::error(resp, r, list.error());
                   else
                       Reply::json(resp, r, 200, QJsonDocument(list.value()));
               });
    s.addRoute("GET", QStringLiteral("/v1/models/{id}"), ProxyServer::Access::Client,
               [this](const HttpRequest &r, StreamResponder *resp) {
                   const auto one = d->catalogue.find(r.pathArgs.value(0));
                   if (!one)
                       Reply::error(resp, r, one.error());
                   else
                       Reply::json(resp, r, 200, QJsonDocument(one.value()));
               });
    s.addRoute("POST", QStringLiteral("/v1/chat/completions"), ProxyServer::Access::Client,
               [](const HttpRequest &r, StreamResponder *resp) {
                   Reply::error(resp, r,
                                ApiError::invalidRequest(
                                    QStringLiteral("Kiro Tray speaks the Anthropic Messages API: use POST /v1/messages "
                                                   "(OpenAI chat completions are not supported)")));
               });
    // Claude Code posts telemetry here when pointed at a gateway; accept and drop it.
    s.addRoute(
        "POST", QStringLiteral("/api/event_logging/batch"), ProxyServer::Access::Client,
        [](const HttpRequest &r, StreamResponder *resp) { Reply::json(resp, r, 200, QJsonDocument(QJsonObject())); });
    d->api = std::make_unique<ManagementApi>(*this, s, this);
}

void ProxyService::handleMessages(const HttpRequest &r, StreamResponder *resp)
{
    if (m_state == State::Paused) {
        ApiError e = ApiError::make(503, QStringLiteral("Kiro Tray is paused; resume it from the tray menu"));
        e.retryAfterSeconds = 30;
        Reply::error(resp, r, e);
        return;
    }
    auto parsed = MessagesRequest::parse(r.body);
    if (!parsed) {
        Reply::error(resp, r, parsed.error());
        return;
    }
    ExchangeServices services;
    services.config = &d->config;
    services.pool = d->pool.get();
    services.refresher = d->refresher.get();
    services.client = d->client.get();
    services.models = &d->models;
    services.modelRegistry = d->modelRegistry.get();
    services.runtime = d->runtime.get();
    services.log = d->log.get();
    auto *exchange = new MessageExchange(services, r, resp, std::move(parsed).value(), this);
    exchange->start();
}

Expected<bool, QString> ProxyService::start()
{
    QDir().mkpath(d->config.dataDir);
    const auto prepared = setUpSecretsAndAccounts();
    if (!prepared) {
        m_state = State::Failed;
        return prepared;
    }
    d->pool->setStickiness(d->config.sessionStickiness);
    d->pool->setCooldownMinutes(d->config.cooldownMinutes);
    connect(d->pool.get(), &AccountPool::accountAlert, this,
            [this](const QString &id, Account::Reason reason, const QString &message) {
                const QString name = d->pool->accountName(id);
                switch (reason) {
                case Account::Reason::QuotaExhausted:
                    emit noticeRaised(Notice::AccountExhausted, tr("Account exhausted"),
                                      tr("%1 has used its monthly Kiro quota.").arg(name));
                    break;
                case Account::Reason::Suspended:
                    emit noticeRaised(Notice::AccountSuspended, tr("Account suspended"),
                                      tr("Kiro suspended %1: %2").arg(name, message));
                    break;
                case Account::Reason::InvalidRefreshToken:
                    emit noticeRaised(Notice::AccountNeedsReimport, tr("Account needs re-import"),
                                      tr("The login of %1 expired or was revoked. Import it again.").arg(name));
                    break;
                default:
                    break;
                }
            });
    connect(d->pool.get(), &AccountPool::healthChanged, this, [this](AccountPool::Health h) {
        if (h == AccountPool::Health::Unavailable && d->pool->size() > 0)
            emit noticeRaised(Notice::AllAccountsUnavailable, tr("No usable account"), d->pool->unavailableSummary());
    });

    d->recoveryTimer.setInterval(d->config.cooldownScanMinutes * 60 * 1000);
    connect(&d->recoveryTimer, &QTimer::timeout, this, [this] { d->pool->reactivateExpired(); });
    d->recoveryTimer.start();
    d->exhaustedTimer.setInterval(d->config.exhaustedScanMinutes * 60 * 1000);
    connect(&d->exhaustedTimer, &QTimer::timeout, this, [this] {
        QStringList exhausted;
        for (const Account &a : d->pool->accounts()) {
            if (a.status == Account::Status::Exhausted)
                exhausted.append(a.id);
        }
        if (!exhausted.isEmpty())
            refreshQuota(exhausted, this, nullptr, nullptr);
    });
    d->exhaustedTimer.start();
    d->quotaTimer.setInterval(d->config.quotaRefreshMinutes * 60 * 1000);
    connect(&d->quotaTimer, &QTimer::timeout, this, [this] { refreshQuota({}, this, nullptr, nullptr); });
    if (m_mode != Mode::HeadlessSingle)
        d->quotaTimer.start();

    registerRoutes();
    d->modelRegistry->start();
    const auto listened = listen();
    if (!listened) {
        m_state = State::Failed;
        emit stateChanged(m_state);
        return Expected<bool, QString>::failure(listened.error());
    }
    d->uptime.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_state = State::Running;
    emit stateChanged(m_state);
    qCInfo(lcService).noquote()
        << QStringLiteral("%1 account(s); secrets: %2").arg(d->pool->size()).arg(secretStoreName());
    return true;
}

Expected<bool, QString> ProxyService::listen()
{
    d->server->setApiKeys(d->config.apiKey, d->config.adminApiKey);
    d->server->setMaxBodyBytes(d->config.maxBodyBytes);
    QHostAddress address;
    if (d->config.host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else
        address.setAddress(d->config.host);
    const auto result = d->server->listen(address, quint16(d->config.port));
    if (!result)
        return Expected<bool, QString>::failure(result.error());
    emit endpointChanged(endpoint());
    return true;
}

void ProxyService::stop(int graceMs, std::function<void()> done)
{
    d->server->close();
    d->recoveryTimer.stop();
    d->exhaustedTimer.stop();
    d->quotaTimer.stop();
    auto *timer = new QTimer(this);
    auto *deadline = new QElapsedTimer;
    deadline->start();
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [this, timer, deadline, graceMs, done] {
        if (d->server->openExchanges() > 0 && deadline->elapsed() < graceMs)
            return;
        timer->stop();
        timer->deleteLater();
        delete deadline;
        if (d->store)
            d->store->flush();
        d->stats->flush();
        m_state = State::Stopped;
        emit stateChanged(m_state);
        if (done)
            done();
    });
    timer->start();
}

Expected<bool, QString> ProxyService::applyConfig(const Config &config)
{
    const auto valid = config.validate();
    if (!valid)
        return valid;
    const Config old = d->config;
    d->config = config;
    d->models.setAliases(config.modelAliases);
    d->catalogue.setExtraIds(config.modelAliases.keys());
    d->pool->setStickiness(config.sessionStickiness);
    d->pool->setCooldownMinutes(config.cooldownMinutes);
    d->log->setCapacity(config.logSize);
    SelectionStrategy::Kind strategy;
    if (config.strategy != old.strategy && SelectionStrategy::fromName(config.strategy, &strategy))
        d->pool->setStrategy(strategy);
    // Keys and limits apply to the running listener; only a new address or port needs a new one.
    d->server->setApiKeys(config.apiKey, config.adminApiKey);
    d->server->setMaxBodyBytes(config.maxBodyBytes);
    const bool samePort = config.port == old.port || (config.port != 0 && config.port == d->server->port());
    const bool relisten = m_state == State::Failed || config.host != old.host || !samePort;
    if (relisten && m_state != State::Stopped) {
        const auto result = listen();
        if (!result) {
            // The previous listener is still open (ProxyServer only replaces it on success).
            d->config = old;
            d->server->setApiKeys(old.apiKey, old.adminApiKey);
            d->server->setMaxBodyBytes(old.maxBodyBytes);
            return result;
        }
        if (m_state == State::Failed) {
            m_state = State::Running;
            emit stateChanged(m_state);
        }
    }
    if (config.proxyUrl != old.proxyUrl || config.proxyUsername != old.proxyUsername ||
        config.proxyPassword != old.proxyPassword)
        KiroRequests::applyProxy(d->nam, d->config);
    if (!d->config.configPath.isEmpty()) {
        const auto saved = d->config.save();
        if (!saved)
            return saved;
    }
    return true;
}

QString ProxyService::regenerateApiKey()
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    Config next = d->config;
    next.apiKey = QStringLiteral("kt-") +
                  QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    applyConfig(next);
    return next.apiKey;
}

void ProxyService::refreshQuota(const QStringList &accountIds, QObject *context,
                                std::function<void(const QString &, const QString &)> perAccount,
                                std::function<void()> done)
{
    QStringList ids = accountIds;
    if (ids.isEmpty()) {
        for (const Account &a : d->pool->accounts()) {
            if (a.status != Account::Status::Disabled)
                ids.append(a.id);
        }
    }
    auto remaining = std::make_shared<int>(int(ids.size()));
    QPointer<QObject> guard(context);
    if (ids.isEmpty()) {
        if (done)
            QTimer::singleShot(0, this, [guard, done] {
                if (guard)
                    done();
            });
        return;
    }
    for (const QString &id : ids) {
        auto finishOne = [this, guard, perAccount, done, remaining, id](const QString &error) {
            if (guard && perAccount)
                perAccount(id, error);
            if (--*remaining == 0 && guard && done)
                done();
        };
        if (!d->pool->hasCredential(id)) {
            finishOne(tr("the account's secret is not loaded"));
            continue;
        }
        d->refresher->ensureFresh(
            id, d->pool->credential(id), false, this, [this, id, finishOne](const RefreshResult &r) {
                if (!r.ok) {
                    d->pool->reportFailure(id, r.error);
                    finishOne(r.error.describe());
                    return;
                }
                d->pool->updateCredential(id, r.credential);
                d->usage->fetch(r.credential, MachineId::derive(r.credential, d->config.machineId), this,
                                [this, id, finishOne](const Expected<UsageLimits, UpstreamError> &u) {
                                    if (!u) {
                                        if (u.error().blamesAccount())
                                            d->pool->reportFailure(id, u.error());
                                        finishOne(u.error().describe());
                                        return;
                                    }
                                    const UsageLimits &q = u.value();
                                    d->pool->setQuota(id, q.limit, q.used, q.nextReset, q.subscriptionTitle, q.email);
                                    m_usage.insert(id, q);
                                    finishOne(QString());
                                });
            });
    }
}

std::optional<UsageLimits> ProxyService::usage(const QString &accountId) const
{
    const auto it = m_usage.constFind(accountId);
    if (it == m_usage.cend())
        return std::nullopt;
    return it.value();
}

void ProxyService::validateAndAdd(const ImportCandidate &c, QObject *context,
                                  std::function<void(const QString &, const QString &)> done)
{
    QPointer<QObject> guard(context);
    const QString probeId = QStringLiteral("validate-") + c.refreshTokenHash;
    d->refresher->ensureFresh(probeId, c.credential, true, this, [this, c, guard, done](const RefreshResult &res) {
        if (!guard)
            return;
        if (!res.ok) {
            done(QString(), tr("credential validation failed: %1").arg(res.error.describe()));
            return;
        }
        Account a;
        a.name = c.name;
        a.email = c.email;
        a.provider = c.provider;
        a.region = c.credential.region;
        const auto added = d->pool->addAccount(a, res.credential);
        if (!added) {
            done(QString(), added.error());
            return;
        }
        refreshQuota({added.value()}, this, nullptr, nullptr);
        done(added.value(), QString());
    });
}
