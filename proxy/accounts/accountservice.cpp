// SPDX-License-Identifier: MIT
// AccountService: loading and persisting accounts, imports, quota refresh and the periodic recovery scans.
#include "accounts/accountservice.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QPointer>
#include <QProcessEnvironment>
#include <memory>
#include <utility>

#include "accounts/accountpresenter.h"
#include "accounts/accountstore.h"
#include "accounts/filesecretstore.h"
#include "accounts/keychainsecretstore.h"
#include "accounts/memorysecretstore.h"
#include "common/redactor.h"
#include "config/config.h"
#include "config/seedcredentials.h"
#include "config/settings.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"
#include "kiro/machineid.h"

Q_LOGGING_CATEGORY(lcAccounts, "kiro.accounts.service")

namespace {
Account accountFor(const ImportCandidate &c)
{
    Account a;
    a.name = c.name;
    a.email = c.email;
    a.provider = c.provider;
    a.region = c.credential.region;
    return a;
}
} // namespace

AccountService::AccountService(Settings &settings, Source source, TokenRefresher &refresher, UsageClient &usage,
                               QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_source(source)
    , m_refresher(refresher)
    , m_usageClient(usage)
    , m_pool(Clock::system())
{
    connect(&m_pool, &AccountPool::accountsChanged, this, &AccountService::accountsChanged);
    connect(&m_pool, &AccountPool::accountChanged, this, &AccountService::accountChanged);
    connect(&m_pool, &AccountPool::healthChanged, this, &AccountService::healthChanged);
    connect(&m_pool, &AccountPool::strategyChanged, this, &AccountService::strategyChanged);
    connect(&m_pool, &AccountPool::accountAlert, this, &AccountService::alert);
    connect(&m_pool, &AccountPool::healthChanged, this, [this](AccountPool::Health h) {
        if (h == AccountPool::Health::Unavailable && m_pool.size() > 0)
            emit noticeRaised(Notice::AllAccountsUnavailable, tr("No usable account"), unavailableSummary());
    });
    connect(&m_recoveryTimer, &QTimer::timeout, this, [this] { m_pool.reactivateExpired(); });
    connect(&m_exhaustedTimer, &QTimer::timeout, this, &AccountService::refreshExhausted);
    connect(&m_quotaTimer, &QTimer::timeout, this, [this] { refreshQuota({}, this, nullptr, nullptr); });
    connect(&m_settings, &Settings::changed, this, &AccountService::applySetting);
    // Every refresh (chat, quota, model list) lands here: a rotated refresh token is durable before anyone uses it.
    m_refresher.setPersist([this](const QString &id, const KiroCredential &credential, std::function<void()> proceed) {
        persistRefreshed(id, credential, proceed);
    });
    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(200);
    connect(&m_saveTimer, &QTimer::timeout, this, &AccountService::scheduleCommit);
    m_historyTimer.setSingleShot(true);
    m_historyTimer.setInterval(2000);
    connect(&m_historyTimer, &QTimer::timeout, this, [this] {
        const auto saved = m_history.save();
        if (!saved)
            qCWarning(lcAccounts).noquote() << "quota history not saved:" << saved.error();
    });
}

const Config &AccountService::config() const
{
    return m_settings.config();
}

void AccountService::applySetting(const QString &key)
{
    if (key == QLatin1String("strategy")) {
        SelectionStrategy::Kind kind;
        if (SelectionStrategy::fromName(config().strategy, &kind))
            m_pool.setStrategy(kind);
    } else if (key == QLatin1String("sessionStickiness")) {
        m_pool.setStickiness(config().sessionStickiness);
    } else if (key == QLatin1String("cooldownMinutes")) {
        m_pool.setCooldownMinutes(config().cooldownMinutes);
    } else if (key.endsWith(QLatin1String("ScanMinutes")) || key == QLatin1String("quotaRefreshMinutes")) {
        if (m_recoveryTimer.isActive())
            startScans(); // takes the new intervals
    }
}

Expected<bool, QString> AccountService::setStrategy(SelectionStrategy::Kind kind)
{
    Config next = config();
    next.strategy = SelectionStrategy::name(kind);
    const auto applied = m_settings.apply(next);
    if (!applied)
        return Expected<bool, QString>::failure(applied.error());
    return true;
}

// accounts.json of earlier versions kept the strategy the tray or /api/strategy chose last: it becomes the setting
// once, and the file drops it on its next save.
void AccountService::adoptLegacyStrategy(const QString &strategy)
{
    SelectionStrategy::Kind kind;
    if (strategy.isEmpty() || strategy == config().strategy || !SelectionStrategy::fromName(strategy, &kind))
        return;
    const auto adopted = setStrategy(kind);
    if (!adopted)
        qCWarning(lcAccounts).noquote() << "could not keep the strategy of accounts.json:" << adopted.error();
}

AccountService::~AccountService()
{
    m_refresher.setPersist(nullptr);
    flush();
}

// ---- loading ---------------------------------------------------------------------------------------------------

Expected<bool, QString> AccountService::load()
{
    for (const char *key : {"strategy", "sessionStickiness", "cooldownMinutes"})
        applySetting(QLatin1String(key));
    const auto loaded = m_source == Source::Seed ? loadSeed() : loadPool();
    if (!loaded || config().importFile.isEmpty() || m_source == Source::Seed)
        return loaded;
    return importFile(config().importFile);
}

Expected<QList<KiroCredential>, QString> AccountService::readSeedCredentials()
{
    if (config().envCredential)
        return QList<KiroCredential>{*config().envCredential};
    m_seedPath = QDir(config().dataDir).filePath(QStringLiteral("credentials.json"));
    if (!QFile::exists(m_seedPath) && QFile::exists(QStringLiteral("credentials.json")))
        m_seedPath = QDir::current().absoluteFilePath(QStringLiteral("credentials.json"));
    if (!QFile::exists(m_seedPath)) {
        m_seedPath.clear();
        return Expected<QList<KiroCredential>, QString>::failure(
            QStringLiteral("no Kiro account: put credentials.json in %1, set REFRESH_TOKEN (and AUTH_METHOD), "
                           "or run with POOL_MODE=true and import accounts")
                .arg(QDir::toNativeSeparators(config().dataDir)));
    }
    return SeedCredentials::read(m_seedPath);
}

Expected<bool, QString> AccountService::loadSeed()
{
    m_secrets = std::make_unique<MemorySecretStore>(this);
    const auto read = readSeedCredentials();
    if (!read)
        return Expected<bool, QString>::failure(read.error());
    const QList<KiroCredential> &creds = read.value();
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
        m_seedIndex.insert(a.id, i);
    }
    m_pool.load(accounts);
    for (int i = 0; i < creds.size(); ++i)
        m_pool.setCredential(accounts.at(i).id, creds.at(i));
    if (!m_seedPath.isEmpty()) {
        connect(&m_pool, &AccountPool::credentialChanged, this, [this](const QString &id) {
            const auto written = SeedCredentials::writeBack(m_seedPath, m_seedIndex.value(id), m_pool.credential(id));
            if (!written)
                qCWarning(lcAccounts).noquote()
                    << "could not store the refreshed token of" << id
                    << "(it is kept in memory and used; a restart will need the old one):" << written.error();
        });
    }
    return true;
}

void AccountService::useSecretStore(std::unique_ptr<SecretStore> store)
{
    m_secrets = std::move(store);
}

void AccountService::openSecretStore()
{
    if (m_secrets) { // given by useSecretStore
        connect(m_secrets.get(), &SecretStore::problemOccurred, this,
                [this](const QString &message) { emit noticeRaised(Notice::Info, tr("Secret storage"), message); });
        return;
    }
    const QString choice = config().secretStore;
    const bool haveBus = QProcessEnvironment::systemEnvironment().contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    if (choice == QLatin1String("file") ||
        (choice == QLatin1String("auto") && m_source == Source::HeadlessPool && !haveBus)) {
        auto file =
            std::make_unique<FileSecretStore>(QDir(config().dataDir).filePath(QStringLiteral("secrets.json")), this);
        if (!file->loadProblem().isEmpty())
            emit noticeRaised(Notice::Info, tr("Secrets file"), file->loadProblem());
        m_secrets = std::move(file);
    } else {
        m_secrets = std::make_unique<KeychainSecretStore>(QStringLiteral("kiro-tray"), this);
    }
    connect(m_secrets.get(), &SecretStore::problemOccurred, this,
            [this](const QString &message) { emit noticeRaised(Notice::Info, tr("Secret storage"), message); });
}

Expected<bool, QString> AccountService::loadPool()
{
    openSecretStore();
    m_store = std::make_unique<AccountStore>(QDir(config().dataDir).filePath(QStringLiteral("accounts.json")), this);
    const AccountStore::Contents contents = m_store->load();
    if (!contents.notice.isEmpty())
        emit noticeRaised(Notice::Info, tr("Accounts file"), contents.notice);
    adoptLegacyStrategy(contents.strategy);
    m_secretsToDelete = contents.secretsToDelete;
    m_deletesOnDisk = contents.secretsToDelete;
    for (const Account &a : contents.accounts)
        m_stored.insert(a.id);
    m_pool.load(contents.accounts);
    m_history = QuotaHistory(QDir(config().dataDir).filePath(QStringLiteral("quota-history.json")));
    for (const QString &problem : m_history.load())
        emit noticeRaised(Notice::Info, tr("Quota history"), problem);
    QSet<QString> ids;
    for (const Account &a : contents.accounts)
        ids.insert(a.id);
    m_history.retainOnly(ids);
    m_secretsLoading += int(contents.accounts.size());
    for (const Account &a : contents.accounts) {
        const QString id = a.id;
        m_secrets->load(id, this, [this, id](const Expected<KiroCredential, QString> &r) {
            if (r)
                m_pool.setCredential(id, r.value());
            else
                emit noticeRaised(Notice::AccountNeedsReimport, tr("Account secret missing"), r.error());
            if (--m_secretsLoading == 0) {
                const auto waiting = std::exchange(m_secretsLoadedWaiters, {});
                for (const auto &w : waiting) {
                    if (w.first)
                        w.second();
                }
            }
        });
    }
    persistPoolChanges();
    // Drops the earlier versions' strategy and adds that never finished from the file, then deletes their secrets.
    if (!contents.strategy.isEmpty() || !m_secretsToDelete.isEmpty())
        scheduleCommit();
    return true;
}

// Metadata to accounts.json, secrets to the secret store, in an order that a crash cannot turn into an account
// without its secret (see commit()).
void AccountService::persistPoolChanges()
{
    auto changed = [this] {
        if (!m_saveTimer.isActive())
            m_saveTimer.start();
    };
    connect(&m_pool, &AccountPool::accountsChanged, this, changed);
    connect(&m_pool, &AccountPool::accountChanged, this, changed);
    connect(&m_pool, &AccountPool::credentialChanged, this, [this](const QString &id) {
        if (m_pool.hasCredential(id)) {
            if (!m_stored.contains(id))
                m_unfinished.insert(id); // a new account: "pending" in accounts.json until its secret is stored
            m_secretsToStore.insert(id);
            scheduleCommit();
        }
    });
    connect(&m_pool, &AccountPool::accountRemoved, this, [this](const QString &id) {
        m_secretsToStore.remove(id);
        m_retrySecrets.remove(id);
        m_unfinished.remove(id);
        m_stored.remove(id);
        if (!m_secretsToDelete.contains(id))
            m_secretsToDelete.append(id);
    });
}

Expected<bool, QString> AccountService::saveAccounts()
{
    AccountStore::State state;
    state.accounts = m_pool.accounts();
    state.unfinished = m_unfinished;
    state.secretsToDelete = m_secretsToDelete;
    const auto saved = m_store->save(state);
    if (saved)
        m_deletesOnDisk = state.secretsToDelete;
    return saved;
}

void AccountService::whenDurable(QObject *context, Completion done, const QString &accountId)
{
    m_durableWaiters.append({QPointer<QObject>(context), context != nullptr, accountId, std::move(done)});
    scheduleCommit();
}

void AccountService::whenSecretsLoaded(QObject *context, std::function<void()> done)
{
    if (m_secretsLoading > 0) {
        m_secretsLoadedWaiters.append({QPointer<QObject>(context), std::move(done)});
        return;
    }
    QTimer::singleShot(0, context, std::move(done));
}

void AccountService::scheduleCommit()
{
    if (m_commitScheduled)
        return;
    m_commitScheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_commitScheduled = false;
        commit();
    });
}

// One commit at a time:
// 1. accounts.json with every change so far; new accounts are "pending", deleted ones listed in secretsToDelete.
// 2. The secrets that changed, to the secret store; each is confirmed before the next step.
// 3. accounts.json again when an added account is now complete (its "pending" goes).
// 4. The waiters of the changes made before step 1 hear back.
// 5. Secrets of deleted accounts are removed; the next write drops them from secretsToDelete.
// A crash after 1 leaves a pending account (dropped at load, its secret deleted); after 2, the same; never an
// account without its secret, and a deleted account is gone from the file before its secret is touched.
void AccountService::commit()
{
    if (m_committing || m_source == Source::Seed) {
        if (m_source == Source::Seed) { // credentials.json is written synchronously; nothing to wait for
            const QList<DurableWaiter> waiting = std::exchange(m_durableWaiters, {});
            for (const DurableWaiter &w : waiting) {
                if (w.done && (!w.hasContext || w.context))
                    w.done(QString());
            }
        }
        return;
    }
    if (!m_store)
        return;
    m_committing = true;
    m_saveTimer.stop();
    m_committingWaiters = std::exchange(m_durableWaiters, {});
    const QSet<QString> toStore = std::exchange(m_secretsToStore, {}) + std::exchange(m_retrySecrets, {});

    const auto saved = saveAccounts();
    if (!saved) {
        m_retrySecrets.unite(toStore); // tried again with the next commit
        finishCommit(saved.error(), {});
        return;
    }
    QStringList ids;
    for (const QString &id : toStore) {
        if (m_pool.hasCredential(id))
            ids.append(id);
    }
    if (ids.isEmpty()) {
        finishCommit(QString(), {});
        return;
    }
    struct Pending
    {
        QStringList ids;
        int left = 0;
        QHash<QString, QString> errors;
    };
    auto pending = std::make_shared<Pending>();
    pending->ids = ids;
    pending->left = int(ids.size());
    for (const QString &id : std::as_const(ids)) {
        m_secrets->store(id, m_pool.credential(id), this, [this, id, pending](const Expected<bool, QString> &r) {
            if (!r)
                pending->errors.insert(id, r.error());
            if (--pending->left > 0)
                return;
            bool completed = false;
            for (const QString &stored : std::as_const(pending->ids)) {
                if (pending->errors.contains(stored) || !m_pool.contains(stored))
                    continue;
                m_stored.insert(stored);
                if (!m_secretsToStore.contains(stored) && m_unfinished.remove(stored))
                    completed = true;
            }
            for (auto it = pending->errors.cbegin(); it != pending->errors.cend(); ++it) {
                if (m_unfinished.contains(it.key())) {
                    // An add whose secret could not be stored is taken back; its waiter hears why.
                    qCWarning(lcAccounts).noquote()
                        << "the secret of the new account" << it.key() << "could not be stored:" << it.value();
                    m_pool.removeAccount(it.key());
                    completed = true;
                } else if (m_pool.contains(it.key())) {
                    qCWarning(lcAccounts).noquote()
                        << "the refreshed credential of account" << it.key()
                        << "could not be stored; it is kept in memory and used, and storing is tried again with the "
                           "next change:"
                        << it.value();
                    m_retrySecrets.insert(it.key());
                }
            }
            QString fileError;
            if (completed) {
                const auto again = saveAccounts();
                if (!again)
                    fileError = again.error();
            }
            finishCommit(fileError, pending->errors);
        });
    }
}

void AccountService::finishCommit(const QString &fileError, const QHash<QString, QString> &secretErrors)
{
    if (!fileError.isEmpty()) {
        qCWarning(lcAccounts).noquote() << "accounts not saved:" << fileError;
        emit noticeRaised(Notice::Info, tr("Cannot save accounts"), fileError);
    }
    const QList<DurableWaiter> waiting = std::exchange(m_committingWaiters, {});
    m_committing = false;
    for (const DurableWaiter &w : waiting) {
        if (!w.done || (w.hasContext && !w.context))
            continue;
        QString error = fileError;
        if (error.isEmpty() && !w.accountId.isEmpty())
            error = secretErrors.value(w.accountId);
        w.done(error);
    }
    if (fileError.isEmpty())
        deleteSecrets();
    // Only new changes start another commit: a failing disk is not retried in a loop.
    if (!m_durableWaiters.isEmpty() || !m_secretsToStore.isEmpty())
        scheduleCommit();
}

// Only secrets whose account accounts.json no longer lists (the tombstone is on disk) are removed.
void AccountService::deleteSecrets()
{
    for (const QString &id : std::as_const(m_deletesOnDisk)) {
        if (m_deleteAttempted.contains(id) || m_pool.contains(id))
            continue;
        m_deleteAttempted.insert(id);
        m_secrets->remove(id, this, [this, id](const Expected<bool, QString> &r) {
            if (!r) {
                qCWarning(lcAccounts).noquote() << "the secret of deleted account" << id
                                                << "could not be removed (tried again at the next start):" << r.error();
                return;
            }
            m_secretsToDelete.removeAll(id);
            if (!m_saveTimer.isActive())
                m_saveTimer.start();
        });
    }
}

void AccountService::persistRefreshed(const QString &id, const KiroCredential &credential,
                                      const std::function<void()> &proceed)
{
    m_pool.updateCredential(id, credential); // seed source: credentials.json is written back right here
    if (m_source == Source::Seed || !m_pool.contains(id) || !m_secretsToStore.contains(id)) {
        proceed();
        return;
    }
    whenDurable(
        this,
        [id, proceed](const QString &error) {
            if (!error.isEmpty())
                qCWarning(lcAccounts).noquote()
                    << "continuing with the refreshed credential of" << id << "although it is not stored:" << error;
            proceed();
        },
        id);
}

// kiro-proxyd --import: every importable account of the file is added as it is (no validation round trip).
Expected<bool, QString> AccountService::importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Expected<bool, QString>::failure(QStringLiteral("%1: cannot read (%2)").arg(path, f.errorString()));
    const ImportParse parsed = parseImport(QString::fromUtf8(f.readAll()));
    if (!parsed.error.isEmpty())
        return Expected<bool, QString>::failure(QStringLiteral("%1: %2").arg(path, parsed.error));
    for (const ImportCandidate &c : parsed.candidates) {
        if (c.duplicate) {
            qCInfo(lcAccounts).noquote() << "import: skipped a duplicate of an existing account:" << c.name;
            continue;
        }
        if (!c.problems.isEmpty()) {
            qCWarning(lcAccounts).noquote()
                << "import: skipped" << c.name << "—" << c.problems.join(QStringLiteral("; "));
            continue;
        }
        if (m_pool.addAccount(accountFor(c), c.credential))
            qCInfo(lcAccounts).noquote() << "import: added account" << c.name;
    }
    return true;
}

bool AccountService::remove(const QString &id)
{
    if (!m_pool.removeAccount(id))
        return false;
    m_history.forget(id);
    if (!m_history.path().isEmpty())
        m_historyTimer.start();
    return true;
}

void AccountService::flush()
{
    if (!m_history.path().isEmpty() && m_history.isDirty()) {
        m_historyTimer.stop();
        const auto history = m_history.save();
        if (!history)
            qCWarning(lcAccounts).noquote() << "quota history not saved:" << history.error();
    }
    if (!m_store)
        return;
    const auto saved = saveAccounts();
    if (!saved)
        qCWarning(lcAccounts).noquote() << "accounts not saved:" << saved.error();
}

QString AccountService::secretStoreName() const
{
    return m_secrets ? m_secrets->backendName() : QString();
}

// ---- scans -----------------------------------------------------------------------------------------------------

void AccountService::startScans()
{
    m_recoveryTimer.start(config().cooldownScanMinutes * 60 * 1000);
    m_exhaustedTimer.start(config().exhaustedScanMinutes * 60 * 1000);
    if (m_source != Source::Seed)
        m_quotaTimer.start(config().quotaRefreshMinutes * 60 * 1000);
}

void AccountService::stopScans()
{
    m_recoveryTimer.stop();
    m_exhaustedTimer.stop();
    m_quotaTimer.stop();
}

void AccountService::refreshExhausted()
{
    QStringList exhausted;
    for (const Account &a : m_pool.accounts()) {
        if (a.status == Account::Status::Exhausted)
            exhausted.append(a.id);
    }
    if (!exhausted.isEmpty())
        refreshQuota(exhausted, this, nullptr, nullptr);
}

void AccountService::alert(const QString &id, Account::Reason reason, const QString &message)
{
    static const QHash<Account::Reason, Notice> kinds = {
        {Account::Reason::QuotaExhausted, Notice::AccountExhausted},
        {Account::Reason::Suspended, Notice::AccountSuspended},
        {Account::Reason::InvalidRefreshToken, Notice::AccountNeedsReimport}};
    const auto kind = kinds.constFind(reason);
    if (kind == kinds.cend())
        return;
    const Account a = m_pool.account(id);
    emit noticeRaised(*kind, AccountPresenter::alertTitle(reason), AccountPresenter::alertMessage(a, reason, message));
}

QString AccountService::unavailableSummary() const
{
    QList<Account> unavailable;
    for (const Account &a : m_pool.accounts()) {
        if (!m_pool.isAvailable(a))
            unavailable.append(a);
    }
    return AccountPresenter::unavailableSummary(unavailable);
}

// ---- imports ---------------------------------------------------------------------------------------------------

QSet<QString> AccountService::knownTokenHashes() const
{
    QSet<QString> hashes;
    for (const Account &a : m_pool.accounts())
        hashes.insert(a.refreshTokenHash);
    return hashes;
}

ImportParse AccountService::parseImport(const QString &text) const
{
    return CredentialImporter::parse(text, knownTokenHashes());
}

ImportParse AccountService::parseKiroIdeLogin(const QString &home) const
{
    return CredentialImporter::importFromKiroIde(home, knownTokenHashes());
}

void AccountService::checkSignIn(const ImportCandidate &c,
                                 std::function<void(const KiroCredential &fresh, const QString &error)> checked)
{
    const QString probeId = QStringLiteral("validate-") + c.refreshTokenHash;
    Redactor::registerCredential(c.credential); // not in the pool yet, already in the refresh call's errors
    m_refresher.ensureFresh(probeId, c.credential, true, this, [c, checked](const RefreshResult &res) {
        Redactor::unregisterCredential(c.credential);
        if (res.ok) {
            checked(res.credential, QString());
            return;
        }
        // A sign-in timeout keeps its technical detail (host, milliseconds): /api answers the same text.
        checked(res.credential,
                res.error.cause() == UpstreamError::Cause::SignInTimeout
                    ? tr("Kiro's sign-in service did not answer (%1); try again shortly").arg(res.error.message)
                    : tr("Sign-in validation failed: %1").arg(res.error.userMessage()));
    });
}

void AccountService::validateAndAdd(const ImportCandidate &c, QObject *context, std::function<void(const Added &)> done)
{
    QPointer<QObject> guard(context);
    Account account = accountFor(c);
    account.created = m_pool.nextCreated(); // listed in the order the imports were asked for, not signed in
    checkSignIn(c, [this, account, guard, done](const KiroCredential &fresh, const QString &signInError) {
        if (!guard)
            return;
        if (!signInError.isEmpty()) {
            done({QString(), signInError, false});
            return;
        }
        const auto added = m_pool.addAccount(account, fresh);
        if (!added) {
            done({QString(), added.error(), false});
            return;
        }
        const QString id = added.value();
        whenDurable(
            this,
            [this, id, guard, done](const QString &error) {
                if (!error.isEmpty()) {
                    if (m_pool.contains(id)) // the secret is stored but accounts.json could not say so
                        m_pool.removeAccount(id);
                    if (guard)
                        done({QString(), tr("the account could not be saved: %1").arg(error), true});
                    return;
                }
                // Said at import rather than at the first chat: an account whose month is already used up.
                refreshQuota({id}, this, nullptr, [this, id, guard, done] {
                    Added outcome{id, QString(), false};
                    if (const auto q = usage(id); q && q->limit > 0 && q->remaining() <= 0) {
                        outcome.quotaUsedUp = true;
                        outcome.quotaResets = q->nextReset;
                    }
                    if (guard)
                        done(outcome);
                });
            },
            id);
    });
}

void AccountService::relogin(const QString &id, const ImportCandidate &c, QObject *context,
                             std::function<void(const Added &)> done)
{
    QPointer<QObject> guard(context);
    auto answer = [this, guard, done](const Added &result) {
        QTimer::singleShot(0, this, [guard, done, result] {
            if (guard)
                done(result);
        });
    };
    if (!m_pool.contains(id)) {
        answer({QString(), tr("the account no longer exists"), false});
        return;
    }
    for (const Account &other : m_pool.accounts()) {
        if (other.id != id && other.refreshTokenHash == c.refreshTokenHash) {
            answer({QString(), tr("this login is already the account %1").arg(AccountPresenter::displayName(other)),
                    false});
            return;
        }
    }
    if (!c.problems.isEmpty()) {
        answer({QString(), c.problems.join(QStringLiteral("; ")), false});
        return;
    }
    checkSignIn(c, [this, id, c, guard, done](const KiroCredential &fresh, const QString &signInError) {
        if (!guard)
            return;
        if (!signInError.isEmpty()) {
            done({QString(), signInError, false});
            return;
        }
        if (!m_pool.contains(id)) { // deleted while the sign-in check ran
            done({QString(), tr("the account no longer exists"), false});
            return;
        }
        KiroCredential credential = fresh;
        if (credential.region.isEmpty())
            credential.region = c.credential.region;
        m_pool.updateCredential(id, credential); // stored by the next commit (credentialChanged)
        m_pool.enable(id);
        whenDurable(
            this,
            [this, id, guard, done](const QString &error) {
                if (!error.isEmpty()) {
                    if (guard)
                        done({id, tr("the new login could not be saved: %1").arg(error), true});
                    return;
                }
                refreshQuota({id}, this, nullptr, nullptr);
                if (guard)
                    done({id, QString(), false});
            },
            id);
    });
}

// ---- quota -----------------------------------------------------------------------------------------------------

void AccountService::refreshQuota(const QStringList &accountIds, QObject *context, QuotaCallback perAccount,
                                  std::function<void()> done)
{
    QStringList ids = accountIds;
    if (ids.isEmpty()) {
        for (const Account &a : m_pool.accounts()) {
            if (a.status != Account::Status::Disabled)
                ids.append(a.id);
        }
    }
    QPointer<QObject> guard(context);
    if (ids.isEmpty()) {
        if (done)
            QTimer::singleShot(0, this, [guard, done] {
                if (guard)
                    done();
            });
        return;
    }
    auto remaining = std::make_shared<int>(int(ids.size()));
    for (const QString &id : ids) {
        refreshOneQuota(id, [guard, perAccount, done, remaining, id](const QString &error) {
            if (guard && perAccount)
                perAccount(id, error);
            if (--*remaining == 0 && guard && done)
                done();
        });
    }
}

// A fresh token first (a refresh that fails is reported to the pool), then getUsageLimits.
void AccountService::refreshOneQuota(const QString &id, const std::function<void(const QString &)> &finish)
{
    if (!m_pool.hasCredential(id)) {
        finish(tr("the account's secret is not loaded"));
        return;
    }
    m_refresher.ensureFresh(id, m_pool.credential(id), false, this, [this, id, finish](const RefreshResult &r) {
        if (!r.ok) {
            m_pool.reportFailure(id, r.error);
            finish(r.error.userMessage());
            return;
        }
        m_usageClient.fetch(r.credential, MachineId::derive(r.credential, config().machineId), this,
                            [this, id, finish](const Expected<UsageLimits, UpstreamError> &u) {
                                if (!u) {
                                    if (u.error().blamesAccount())
                                        m_pool.reportFailure(id, u.error());
                                    finish(u.error().userMessage());
                                    return;
                                }
                                const UsageLimits &q = u.value();
                                // The history first: the views that follow accountChanged read it.
                                if (!m_history.path().isEmpty() &&
                                    m_history.record(id, QDateTime::currentDateTimeUtc(), q.used, q.limit))
                                    m_historyTimer.start();
                                m_pool.setQuota(id, q.limit, q.used, q.nextReset, q.subscriptionTitle, q.email);
                                m_usage.insert(id, q);
                                finish(QString());
                            });
    });
}

std::optional<UsageLimits> AccountService::usage(const QString &accountId) const
{
    const auto it = m_usage.constFind(accountId);
    if (it == m_usage.cend())
        return std::nullopt;
    return it.value();
}
