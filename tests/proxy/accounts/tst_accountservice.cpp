// SPDX-License-Identifier: MIT
// Tests AccountService without the network: the one "already here?" answer, the strategy's single owner (Settings),
// the migration of the strategy earlier versions kept in accounts.json, the settings the pool follows, imports, and
// durability: what a crash between the accounts.json and the secret store writes leaves, acknowledgements after disk.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "accounts/accountpresenter.h"
#include "accounts/accountservice.h"
#include "accounts/filesecretstore.h"
#include "accounts/secretstore.h"
#include "config/config.h"
#include "config/settingdescriptor.h"
#include "config/settings.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/client/usageclient.h"
#include "kiro/credentialcodec.h"

namespace {
const QString kTok = QStringLiteral("aorAAAAAG") + QString(120, QLatin1Char('Z'));
const QString kTok2 = QStringLiteral("aorBBBBBG") + QString(120, QLatin1Char('Y'));

QString pasted(const QString &token, const QString &email)
{
    return QStringLiteral(R"({"refreshToken":"%1","email":"%2","provider":"Github"})").arg(token, email);
}
KiroCredential credential(const QString &token)
{
    KiroCredential c;
    c.refreshToken = token;
    c.authMethod = KiroCredential::AuthMethod::Social;
    return c;
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

QStringList accountIdsIn(const QString &accountsJson)
{
    QStringList ids;
    for (const QJsonValue &v : readJson(accountsJson).value(QStringLiteral("accounts")).toArray())
        ids.append(v.toObject().value(QStringLiteral("id")).toString());
    return ids;
}

/// A secret store on a shared "disk" that can stand for a crash: a write that never completes (the process died
/// before the keychain answered), a write that fails, a delete that never completes.
class ScriptedSecretStore final : public SecretStore
{
public:
    enum class Mode { Normal, StoreNeverCompletes, StoreFails, RemoveNeverCompletes };
    ScriptedSecretStore(QHash<QString, KiroCredential> *disk, Mode mode)
        : m_disk(disk)
        , m_mode(mode)
    {}
    QString backendName() const override { return QStringLiteral("scripted"); }
    void load(const QString &id, QObject *context, LoadCallback done) override
    {
        if (m_disk->contains(id))
            replyLater(context, std::move(done), m_disk->value(id));
        else
            replyLater(context, std::move(done), Expected<KiroCredential, QString>::failure(QStringLiteral("none")));
    }
    void store(const QString &id, const KiroCredential &c, QObject *context, DoneCallback done) override
    {
        if (m_mode == Mode::StoreNeverCompletes)
            return;
        if (m_mode == Mode::StoreFails) {
            replyLater(context, std::move(done), Expected<bool, QString>::failure(QStringLiteral("disk full")));
            return;
        }
        m_disk->insert(id, c);
        replyLater(context, std::move(done), true);
    }
    void remove(const QString &id, QObject *context, DoneCallback done) override
    {
        if (m_mode == Mode::RemoveNeverCompletes)
            return;
        m_disk->remove(id);
        replyLater(context, std::move(done), true);
    }

private:
    QHash<QString, KiroCredential> *m_disk;
    Mode m_mode;
};
} // namespace

class TestAccountService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void knownCredentialsAreDuplicates();
    void strategyHasOneOwner();
    void legacyStrategyIsAdoptedOnce();
    void poolFollowsSettings();
    void importFileAddsOnlyNewAccounts();
    void noticesAreWordedByThePresenter();
    void settingTableOffersEveryStrategy();
    void crashBeforeTheSecretIsStoredLeavesNoHalfAccount();
    void failedSecretWriteIsNotAcknowledged();
    void deleteIsOnDiskWhenAcknowledged();

private:
    struct Stack
    {
        explicit Stack(const Config &c)
            : settings(c)
            , refresher(&nam, settings.config())
            , usage(&nam, settings.config())
            , accounts(settings, AccountService::Source::Pool, refresher, usage)
        {}
        Settings settings;
        QNetworkAccessManager nam;
        TokenRefresher refresher;
        UsageClient usage;
        AccountService accounts;
    };
    Config config() const;
    QString accountsPath() const { return m_dir->filePath(QStringLiteral("accounts.json")); }
    /// Waits for AccountService::whenDurable and returns its error.
    static QString waitDurable(AccountService &accounts, const QString &accountId = QString());
    void writeAccountsFile(const QString &strategy);

    std::unique_ptr<QTemporaryDir> m_dir;
};

Config TestAccountService::config() const
{
    Config c;
    c.dataDir = m_dir->path();
    c.configPath = m_dir->filePath(QStringLiteral("config.json"));
    c.secretStore = QStringLiteral("file");
    c.apiEndpoint = QStringLiteral("http://127.0.0.1:9"); // never called: nothing here refreshes or fetches quota
    return c;
}

void TestAccountService::writeAccountsFile(const QString &strategy)
{
    QFile f(m_dir->filePath(QStringLiteral("accounts.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("strategy"), strategy},
                                      {QStringLiteral("accounts"), QJsonArray()}})
                .toJson());
}

void TestAccountService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAccountService::cleanup()
{
    m_dir.reset();
}

void TestAccountService::knownCredentialsAreDuplicates()
{
    Stack s(config());
    QVERIFY(s.accounts.load().ok());
    const ImportParse first = s.accounts.parseImport(pasted(kTok, QStringLiteral("a@example.com")));
    QCOMPARE(first.candidates.size(), 1);
    QVERIFY(first.candidates.first().importable());
    Account a;
    a.name = QStringLiteral("a");
    KiroCredential c = first.candidates.first().credential;
    QVERIFY(s.accounts.pool().addAccount(a, c).ok());

    QVERIFY(s.accounts.knownTokenHashes().contains(Account::hashToken(kTok)));
    const ImportParse again = s.accounts.parseImport(pasted(kTok, QStringLiteral("a@example.com")));
    QVERIFY(again.candidates.first().duplicate);
    const ImportParse other = s.accounts.parseImport(pasted(kTok2, QStringLiteral("b@example.com")));
    QVERIFY(other.candidates.first().importable());
}

void TestAccountService::strategyHasOneOwner()
{
    Stack s(config());
    QVERIFY(s.accounts.load().ok());
    QSignalSpy changed(&s.accounts, &AccountService::strategyChanged);
    QVERIFY(s.accounts.setStrategy(SelectionStrategy::Kind::LeastUsed).ok());
    QCOMPARE(s.accounts.strategy(), SelectionStrategy::Kind::LeastUsed);
    QCOMPARE(s.settings.config().strategy, QStringLiteral("least-used"));
    QCOMPARE(changed.count(), 1);
    // Persisted in config.json, not in accounts.json.
    QFile cfg(m_dir->filePath(QStringLiteral("config.json")));
    QVERIFY(cfg.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(cfg.readAll()).object().value(QStringLiteral("strategy")).toString(),
             QStringLiteral("least-used"));
    s.accounts.flush();
    QFile acc(m_dir->filePath(QStringLiteral("accounts.json")));
    if (acc.open(QIODevice::ReadOnly))
        QVERIFY(!QJsonDocument::fromJson(acc.readAll()).object().contains(QStringLiteral("strategy")));

    // A change made through Settings (the settings page) reaches the pool the same way.
    Config next = s.settings.config();
    next.strategy = QStringLiteral("random");
    QVERIFY(s.settings.apply(next).ok());
    QCOMPARE(s.accounts.strategy(), SelectionStrategy::Kind::Random);
}

void TestAccountService::legacyStrategyIsAdoptedOnce()
{
    writeAccountsFile(QStringLiteral("sequential-exhaust"));
    {
        Stack s(config());
        QVERIFY(s.accounts.load().ok());
        QCOMPARE(s.accounts.strategy(), SelectionStrategy::Kind::SequentialExhaust);
        QCOMPARE(s.settings.config().strategy, QStringLiteral("sequential-exhaust"));
        s.accounts.flush();
    }
    QFile acc(m_dir->filePath(QStringLiteral("accounts.json")));
    QVERIFY(acc.open(QIODevice::ReadOnly));
    QVERIFY2(!QJsonDocument::fromJson(acc.readAll()).object().contains(QStringLiteral("strategy")),
             "the file drops the strategy once config.json has it");
    acc.close();

    // From now on config.json alone decides: a hand edit there wins on the next start.
    Config edited = config();
    edited.strategy = QStringLiteral("round-robin");
    QVERIFY(edited.save().ok());
    Stack s(edited);
    QVERIFY(s.accounts.load().ok());
    QCOMPARE(s.accounts.strategy(), SelectionStrategy::Kind::RoundRobin);
}

void TestAccountService::poolFollowsSettings()
{
    Config c = config();
    c.sessionStickiness = true;
    Stack s(c);
    QVERIFY(s.accounts.load().ok());
    for (const QString &token : {kTok, kTok2}) {
        KiroCredential credential;
        credential.refreshToken = token;
        QVERIFY(s.accounts.pool().addAccount(Account(), credential).ok());
    }
    // Round-robin alternates between the two accounts unless the session sticks to one.
    const auto sessionSticks = [&s] {
        const AccountPool::AcquireRequest request{QString(), QStringLiteral("session"), {}};
        const QString first = s.accounts.pool().acquire(request).value();
        return s.accounts.pool().acquire(request).value() == first;
    };
    QVERIFY(sessionSticks());
    Config next = s.settings.config();
    next.sessionStickiness = false;
    QVERIFY(s.settings.apply(next).ok());
    QVERIFY(!sessionSticks());
}

void TestAccountService::importFileAddsOnlyNewAccounts()
{
    Config c = config();
    c.importFile = m_dir->filePath(QStringLiteral("import.json"));
    QFile f(c.importFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral("[%1, %2, %1]")
                .arg(pasted(kTok, QStringLiteral("a@example.com")), pasted(kTok2, QStringLiteral("b@example.com")))
                .toUtf8());
    f.close();
    Stack s(c);
    QVERIFY(s.accounts.load().ok());
    QCOMPARE(s.accounts.size(), 2);

    c.importFile = m_dir->filePath(QStringLiteral("missing.json"));
    Stack broken(c);
    const auto loaded = broken.accounts.load();
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.error().contains(QLatin1String("missing.json")), qPrintable(loaded.error()));
}

void TestAccountService::noticesAreWordedByThePresenter()
{
    Stack s(config());
    QVERIFY(s.accounts.load().ok());
    Account a;
    a.email = QStringLiteral("work@example.com"); // no name: the presenter's display name is the e-mail
    const auto id = s.accounts.pool().addAccount(
        a, CredentialCodec::fromJson(QJsonDocument::fromJson(pasted(kTok, a.email).toUtf8()).object()).value());
    QVERIFY(id.ok());
    QSignalSpy notices(&s.accounts, &AccountService::noticeRaised);
    s.accounts.pool().reportFailure(
        id.value(), UpstreamError::fromHttp(402, R"({"reason":"MONTHLY_REQUEST_COUNT","message":"limit"})"));
    QVERIFY(notices.count() >= 1);
    const QList<QVariant> first = notices.first();
    QCOMPARE(first.at(0).value<AccountService::Notice>(), AccountService::Notice::AccountExhausted);
    QCOMPARE(first.at(1).toString(), AccountPresenter::alertTitle(Account::Reason::QuotaExhausted));
    QCOMPARE(first.at(2).toString(), QStringLiteral("work@example.com has used its monthly Kiro quota."));
    // The only account is gone: "no usable account", with the presenter's reasons.
    const QList<QVariant> last = notices.last();
    QCOMPARE(last.at(0).value<AccountService::Notice>(), AccountService::Notice::AllAccountsUnavailable);
    QCOMPARE(last.at(2).toString(), s.accounts.unavailableSummary());
    QVERIFY(!last.at(2).toString().isEmpty());
}

// The setting's choices (what the page offers and validation accepts) are exactly the pool's strategies.
void TestAccountService::settingTableOffersEveryStrategy()
{
    const SettingDescriptor *setting = SettingDescriptor::find(QStringLiteral("strategy"));
    QVERIFY(setting);
    QStringList choices;
    for (const SettingDescriptor::Choice &c : setting->choices)
        choices.append(c.value);
    QStringList strategies;
    for (SelectionStrategy::Kind kind : SelectionStrategy::all())
        strategies.append(SelectionStrategy::name(kind));
    QCOMPARE(choices, strategies);
}

QString TestAccountService::waitDurable(AccountService &accounts, const QString &accountId)
{
    bool called = false;
    QString error;
    accounts.whenDurable(
        &accounts,
        [&called, &error](const QString &e) {
            called = true;
            error = e;
        },
        accountId);
    if (!QTest::qWaitFor([&called] { return called; }, 5000))
        return QStringLiteral("whenDurable never answered");
    return error;
}

// The process dies after accounts.json named the new account but before the secret store confirmed its secret. The
// next start must not have an account without a secret, and a secret that did reach the store is deleted.
void TestAccountService::crashBeforeTheSecretIsStoredLeavesNoHalfAccount()
{
    QHash<QString, KiroCredential> disk;
    QString id;
    {
        Stack s(config());
        s.accounts.useSecretStore(
            std::make_unique<ScriptedSecretStore>(&disk, ScriptedSecretStore::Mode::StoreNeverCompletes));
        QVERIFY(s.accounts.load().ok());
        bool acknowledged = false;
        Account a;
        a.name = QStringLiteral("new");
        id = s.accounts.pool().addAccount(a, credential(kTok)).value();
        s.accounts.whenDurable(
            &s.accounts, [&acknowledged](const QString &) { acknowledged = true; }, id);
        QTRY_VERIFY(accountIdsIn(accountsPath()).contains(id)); // the first write of the commit is on disk
        QTest::qWait(50);
        QVERIFY2(!acknowledged, "an add is not acknowledged before its secret is stored");
        // "Crash": the stack goes away with the secret write still outstanding.
    }
    // The secret did reach the store after all (the keychain finished the write as the process died).
    disk.insert(id, credential(kTok));

    Stack s(config());
    s.accounts.useSecretStore(std::make_unique<ScriptedSecretStore>(&disk, ScriptedSecretStore::Mode::Normal));
    QVERIFY(s.accounts.load().ok());
    QVERIFY2(!s.accounts.contains(id), "an add that was never acknowledged does not come back half done");
    QCOMPARE(s.accounts.size(), 0);
    QTRY_VERIFY2(!disk.contains(id), "the orphan secret is cleaned up at start");
    QTRY_VERIFY(!readJson(accountsPath()).contains(QStringLiteral("secretsToDelete")));
    QVERIFY(!accountIdsIn(accountsPath()).contains(id));
}

// A secret that cannot be stored (disk full, keychain refused) fails the add: the waiter hears why and the account
// is taken out of the pool and of accounts.json.
void TestAccountService::failedSecretWriteIsNotAcknowledged()
{
    QHash<QString, KiroCredential> disk;
    Stack s(config());
    s.accounts.useSecretStore(std::make_unique<ScriptedSecretStore>(&disk, ScriptedSecretStore::Mode::StoreFails));
    QVERIFY(s.accounts.load().ok());
    Account a;
    a.name = QStringLiteral("new");
    const QString id = s.accounts.pool().addAccount(a, credential(kTok)).value();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be stored: disk full")));
    const QString error = waitDurable(s.accounts, id);
    QVERIFY2(error.contains(QLatin1String("disk full")), qPrintable(error));
    QVERIFY(!s.accounts.contains(id));
    QTRY_VERIFY(!accountIdsIn(accountsPath()).contains(id));
}

// A delete is answered once accounts.json no longer has the account; its secret goes afterwards, and a crash in
// between deletes it at the next start. The account never comes back.
void TestAccountService::deleteIsOnDiskWhenAcknowledged()
{
    QHash<QString, KiroCredential> disk;
    QString id;
    {
        Stack s(config());
        s.accounts.useSecretStore(
            std::make_unique<ScriptedSecretStore>(&disk, ScriptedSecretStore::Mode::RemoveNeverCompletes));
        QVERIFY(s.accounts.load().ok());
        Account a;
        a.name = QStringLiteral("doomed");
        id = s.accounts.pool().addAccount(a, credential(kTok)).value();
        QCOMPARE(waitDurable(s.accounts, id), QString());
        QVERIFY(disk.contains(id));
        QVERIFY(accountIdsIn(accountsPath()).contains(id));
        QVERIFY(!readJson(accountsPath())
                     .value(QStringLiteral("accounts"))
                     .toArray()
                     .first()
                     .toObject()
                     .contains(QStringLiteral("pending")));

        QVERIFY(s.accounts.remove(id));
        QCOMPARE(waitDurable(s.accounts), QString());
        QVERIFY2(!accountIdsIn(accountsPath()).contains(id), "acknowledged only once the file no longer has it");
        QCOMPARE(readJson(accountsPath()).value(QStringLiteral("secretsToDelete")).toArray().first().toString(), id);
        // "Crash" before the secret store removed the secret.
    }
    QVERIFY(disk.contains(id));
    Stack s(config());
    s.accounts.useSecretStore(std::make_unique<ScriptedSecretStore>(&disk, ScriptedSecretStore::Mode::Normal));
    QVERIFY(s.accounts.load().ok());
    QVERIFY(!s.accounts.contains(id));
    QTRY_VERIFY(!disk.contains(id));
    QTRY_VERIFY(!readJson(accountsPath()).contains(QStringLiteral("secretsToDelete")));
}

QTEST_GUILESS_MAIN(TestAccountService)
#include "tst_accountservice.moc"
