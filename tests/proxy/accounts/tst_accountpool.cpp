// SPDX-License-Identifier: MIT
// Tests AccountPool: strategies, availability and transitions with a controllable clock, stickiness, messages.
#include <QSignalSpy>
#include <QTest>

#include "accounts/accountpool.h"
#include "accounts/healthpolicy.h"
#include "common/redactor.h"
#include "manualclock.h"

class TestAccountPool : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void strategies_data();
    void strategies();
    void roundRobinSurvivesAddAndRemove();
    void sequentialExhaustNoPreemption();
    void cooldownExpires();
    void signInTimeoutCoolsBriefly();
    void exhaustedUntilReset();
    void exhaustedWithoutResetWaitsForScan();
    void disabledStaysDisabled();
    void tooManyFailuresDisables();
    void successResetsFailures();
    void invalidGrantDisablesAndAlerts();
    void manualDisableSurvivesLateFailures();
    void unavailableSummary();
    void stickiness();
    void stickinessMovesWhenAccountCools();
    void freePlanSkippedForOpus();
    void duplicateRefreshTokenRejected();
    void rotatedTokenEmitsCredentialChanged();
    void quotaBandsAndHealth();
    void excludeTriedAccounts();
    void credentialsInMemoryAreRedacted();

private:
    QString add(const QString &name, int createdOffsetSecs, const QString &token = QString());
    ManualClock m_clock;
    std::unique_ptr<AccountPool> m_pool;
};

QString TestAccountPool::add(const QString &name, int createdOffsetSecs, const QString &token)
{
    Account a;
    a.name = name;
    a.created = m_clock.now().addSecs(createdOffsetSecs);
    KiroCredential c;
    c.refreshToken = token.isEmpty() ? QStringLiteral("rt-") + name + QString(120, QLatin1Char('x')) : token;
    const auto id = m_pool->addAccount(a, c);
    return id.value();
}

void TestAccountPool::init()
{
    m_clock.set(QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC));
    m_pool = std::make_unique<AccountPool>(m_clock);
    m_pool->setStickiness(false);
}

void TestAccountPool::strategies_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<QStringList>("sequence");
    QTest::newRow("round-robin") << QStringLiteral("round-robin")
                                 << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                                QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    QTest::newRow("sequential-exhaust") << QStringLiteral("sequential-exhaust")
                                        << QStringList{QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("a"),
                                                       QStringLiteral("a"), QStringLiteral("a"), QStringLiteral("a")};
    QTest::newRow("least-used") << QStringLiteral("least-used")
                                << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                               QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
}

void TestAccountPool::strategies()
{
    QFETCH(QString, strategy);
    QFETCH(QStringList, sequence);
    // Creation order differs from insertion order: the strategy must follow creation time.
    const QString c = add(QStringLiteral("c"), 30);
    const QString a = add(QStringLiteral("a"), 10);
    const QString b = add(QStringLiteral("b"), 20);
    Q_UNUSED(c)
    Q_UNUSED(a)
    Q_UNUSED(b)
    SelectionStrategy::Kind kind;
    QVERIFY(SelectionStrategy::fromName(strategy, &kind));
    m_pool->setStrategy(kind);
    QStringList got;
    for (int i = 0; i < sequence.size(); ++i)
        got.append(m_pool->accountName(m_pool->acquire({}).value()));
    QCOMPARE(got, sequence);
}

void TestAccountPool::roundRobinSurvivesAddAndRemove()
{
    const QString a = add(QStringLiteral("a"), 1);
    const QString b = add(QStringLiteral("b"), 2);
    QCOMPARE(m_pool->acquire({}).value(), a);
    const QString c = add(QStringLiteral("c"), 3);
    QCOMPARE(m_pool->acquire({}).value(), b);
    QVERIFY(m_pool->removeAccount(a));
    QCOMPARE(m_pool->acquire({}).value(), c);
    QCOMPARE(m_pool->acquire({}).value(), b);
}

void TestAccountPool::sequentialExhaustNoPreemption()
{
    m_pool->setStrategy(SelectionStrategy::Kind::SequentialExhaust);
    const QString a = add(QStringLiteral("a"), 1);
    const QString b = add(QStringLiteral("b"), 2);
    const QString c = add(QStringLiteral("c"), 3);
    QCOMPARE(m_pool->acquire({}).value(), a);
    UpstreamError quota;
    quota.kind = UpstreamError::Kind::Http;
    quota.httpStatus = 402;
    quota.reason = QStringLiteral("MONTHLY_REQUEST_COUNT");
    m_pool->setQuota(a, 100, 50, m_clock.now().addDays(3), QString(), QString());
    m_pool->reportFailure(a, quota);
    QCOMPARE(m_pool->acquire({}).value(), b);
    m_clock.advanceSecs(4 * 86400);           // a's quota resets
    QCOMPARE(m_pool->acquire({}).value(), b); // no preemption back to a
    m_pool->disable(b);
    QCOMPARE(m_pool->acquire({}).value(), c);
    m_pool->disable(c);
    QCOMPARE(m_pool->acquire({}).value(), a); // wraps
}

void TestAccountPool::cooldownExpires()
{
    const QString a = add(QStringLiteral("a"), 1);
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_pool->reportFailure(a, throttle);
    QCOMPARE(m_pool->account(a).status, Account::Status::Cooldown);
    QCOMPARE(m_pool->account(a).cooldownUntil, m_clock.now().addSecs(300));
    QVERIFY(!m_pool->acquire({}).ok());
    m_clock.advanceSecs(299);
    QVERIFY(!m_pool->acquire({}).ok());
    m_clock.advanceSecs(1);
    QCOMPARE(m_pool->acquire({}).value(), a);
    QCOMPARE(m_pool->account(a).status, Account::Status::Active);
}

// A refresh that timed out: a short cooldown (the next requests go elsewhere without waiting again), never a
// disable, and never a way out of an exhausted state (a quota scan's refresh can time out too).
void TestAccountPool::signInTimeoutCoolsBriefly()
{
    const QString a = add(QStringLiteral("a"), 1);
    const QString b = add(QStringLiteral("b"), 2);
    const UpstreamError stalled = UpstreamError::signInTimeout(QStringLiteral("no answer within 15000 ms"));
    const HealthAction action = m_pool->reportFailure(a, stalled);
    QVERIFY(action.failover);
    QCOMPARE(m_pool->account(a).status, Account::Status::Cooldown);
    QCOMPARE(m_pool->account(a).reason, Account::Reason::None);
    QCOMPARE(m_pool->account(a).cooldownUntil, m_clock.now().addSecs(HealthPolicy::kSignInCooldownSeconds));
    QCOMPARE(m_pool->acquire({}).value(), b);
    QCOMPARE(m_pool->acquire({}).value(), b);
    m_clock.advanceSecs(HealthPolicy::kSignInCooldownSeconds);
    QCOMPARE(m_pool->acquire({}).value(), a);
    QCOMPARE(m_pool->account(a).status, Account::Status::Active);

    // A longer cooldown already running is not shortened.
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_pool->reportFailure(a, throttle);
    const QDateTime throttledUntil = m_pool->account(a).cooldownUntil;
    m_pool->reportFailure(a, stalled);
    QCOMPARE(m_pool->account(a).cooldownUntil, throttledUntil);

    // An exhausted account stays exhausted.
    const QDateTime reset = m_clock.now().addDays(7);
    m_pool->setQuota(b, 1000, 1000, reset, QString(), QString());
    QCOMPARE(m_pool->account(b).status, Account::Status::Exhausted);
    m_pool->reportFailure(b, stalled);
    QCOMPARE(m_pool->account(b).status, Account::Status::Exhausted);
    QCOMPARE(m_pool->account(b).exhaustedUntil, reset);
}

void TestAccountPool::exhaustedUntilReset()
{
    const QString a = add(QStringLiteral("a"), 1);
    const QDateTime reset = m_clock.now().addDays(7);
    m_pool->setQuota(a, 1000, 1000, reset, QStringLiteral("KIRO PRO"), QString());
    QCOMPARE(m_pool->account(a).status, Account::Status::Exhausted);
    QCOMPARE(m_pool->account(a).exhaustedUntil, reset);
    QVERIFY(!m_pool->acquire({}).ok());
    m_clock.set(reset);
    QCOMPARE(m_pool->reactivateExpired(), 1);
    QVERIFY(m_pool->acquire({}).ok());
}

void TestAccountPool::exhaustedWithoutResetWaitsForScan()
{
    const QString a = add(QStringLiteral("a"), 1);
    UpstreamError quota;
    quota.kind = UpstreamError::Kind::Http;
    quota.httpStatus = 402;
    quota.reason = QStringLiteral("MONTHLY_REQUEST_COUNT");
    m_pool->reportFailure(a, quota);
    m_clock.advanceSecs(86400 * 40);
    QVERIFY(!m_pool->acquire({}).ok()); // null exhaustedUntil = wait for a usage scan
    m_pool->setQuota(a, 1000, 10, m_clock.now().addDays(30), QString(), QString());
    QVERIFY(m_pool->acquire({}).ok());
}

void TestAccountPool::disabledStaysDisabled()
{
    const QString a = add(QStringLiteral("a"), 1);
    m_pool->disable(a);
    m_clock.advanceSecs(86400 * 365);
    m_pool->reactivateExpired();
    QVERIFY(!m_pool->acquire({}).ok());
    m_pool->enable(a);
    QVERIFY(m_pool->acquire({}).ok());
}

void TestAccountPool::tooManyFailuresDisables()
{
    const QString a = add(QStringLiteral("a"), 1);
    UpstreamError bearer;
    bearer.kind = UpstreamError::Kind::Http;
    bearer.httpStatus = 403;
    bearer.message = QStringLiteral("The bearer token included in the request is invalid.");
    m_pool->reportFailure(a, bearer);
    m_pool->reportFailure(a, bearer);
    QCOMPARE(m_pool->account(a).status, Account::Status::Active);
    m_pool->reportFailure(a, bearer);
    QCOMPARE(m_pool->account(a).status, Account::Status::Disabled);
    QCOMPARE(m_pool->account(a).reason, Account::Reason::TooManyFailures);
}

void TestAccountPool::successResetsFailures()
{
    const QString a = add(QStringLiteral("a"), 1);
    UpstreamError bearer;
    bearer.kind = UpstreamError::Kind::Http;
    bearer.httpStatus = 401;
    m_pool->reportFailure(a, bearer);
    m_pool->reportFailure(a, bearer);
    m_pool->reportSuccess(a, 10, 5);
    m_pool->reportFailure(a, bearer);
    QCOMPARE(m_pool->account(a).status, Account::Status::Active);
    QCOMPARE(m_pool->account(a).inputTokens, 10);
}

void TestAccountPool::invalidGrantDisablesAndAlerts()
{
    const QString a = add(QStringLiteral("a"), 1);
    QSignalSpy alerts(m_pool.get(), &AccountPool::accountAlert);
    UpstreamError grant;
    grant.kind = UpstreamError::Kind::InvalidToken;
    m_pool->reportFailure(a, grant);
    QCOMPARE(m_pool->account(a).reason, Account::Reason::InvalidRefreshToken);
    QCOMPARE(alerts.count(), 1);
    // Requests that were waiting on the same refresh fail the same way: still one alert.
    for (int i = 0; i < 5; ++i)
        m_pool->reportFailure(a, grant);
    QCOMPARE(alerts.count(), 1);
}

// A request still in flight when the user disabled its account fails later: the account stays disabled by the user.
void TestAccountPool::manualDisableSurvivesLateFailures()
{
    const QString a = add(QStringLiteral("a"), 1);
    QVERIFY(m_pool->disable(a));
    UpstreamError grant;
    grant.kind = UpstreamError::Kind::InvalidToken;
    UpstreamError bearer;
    bearer.kind = UpstreamError::Kind::Http;
    bearer.httpStatus = 403;
    bearer.message = QStringLiteral("The bearer token included in the request is invalid.");
    for (const UpstreamError &e : {grant, bearer, bearer, bearer})
        m_pool->reportFailure(a, e);
    QCOMPARE(m_pool->account(a).status, Account::Status::Disabled);
    QCOMPARE(m_pool->account(a).reason, Account::Reason::Manual);
}

void TestAccountPool::unavailableSummary()
{
    const QString a = add(QStringLiteral("a"), 1);
    const QString b = add(QStringLiteral("b"), 2);
    const QString c = add(QStringLiteral("c"), 3);
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_pool->reportFailure(a, throttle);
    m_pool->reportFailure(b, throttle);
    m_pool->setQuota(c, 10, 10, QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC), QString(), QString());
    const auto none = m_pool->acquire({});
    QVERIFY(!none.ok());
    QVERIFY2(none.error().why.contains(QLatin1String("2 accounts cooling down until")), qPrintable(none.error().why));
    QVERIFY2(none.error().why.contains(QLatin1String("1 account exhausted until")), qPrintable(none.error().why));
    QVERIFY(none.error().retryAfterSeconds > 0 && none.error().retryAfterSeconds <= 300);
    QCOMPARE(m_pool->health(), AccountPool::Health::Unavailable);
}

void TestAccountPool::stickiness()
{
    m_pool->setStickiness(true);
    add(QStringLiteral("a"), 1);
    add(QStringLiteral("b"), 2);
    const QString first = m_pool->acquire({QString(), QStringLiteral("s1"), {}}).value();
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_pool->acquire({QString(), QStringLiteral("s1"), {}}).value(), first);
    const QString other = m_pool->acquire({QString(), QStringLiteral("s2"), {}}).value();
    QVERIFY(other != first); // a new session still follows round-robin
}

void TestAccountPool::stickinessMovesWhenAccountCools()
{
    m_pool->setStickiness(true);
    add(QStringLiteral("a"), 1);
    add(QStringLiteral("b"), 2);
    const QString first = m_pool->acquire({QString(), QStringLiteral("s"), {}}).value();
    UpstreamError throttle;
    throttle.kind = UpstreamError::Kind::Http;
    throttle.httpStatus = 429;
    m_pool->reportFailure(first, throttle);
    const QString next = m_pool->acquire({QString(), QStringLiteral("s"), {}}).value();
    QVERIFY(next != first);
}

void TestAccountPool::freePlanSkippedForOpus()
{
    const QString free = add(QStringLiteral("free"), 1);
    const QString pro = add(QStringLiteral("pro"), 2);
    m_pool->setQuota(free, 50, 1, m_clock.now().addDays(5), QStringLiteral("KIRO FREE"), QString());
    m_pool->setQuota(pro, 1000, 1, m_clock.now().addDays(5), QStringLiteral("KIRO PRO"), QString());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(m_pool->acquire({QStringLiteral("claude-opus-4.6"), QString(), {}}).value(), pro);
}

void TestAccountPool::duplicateRefreshTokenRejected()
{
    add(QStringLiteral("a"), 1, QString(120, QLatin1Char('t')));
    Account dup;
    dup.name = QStringLiteral("again");
    KiroCredential c;
    c.refreshToken = QString(120, QLatin1Char('t'));
    const auto r = m_pool->addAccount(dup, c);
    QVERIFY(!r.ok());
    QVERIFY(r.error().contains(QLatin1String("already")));
}

void TestAccountPool::rotatedTokenEmitsCredentialChanged()
{
    const QString a = add(QStringLiteral("a"), 1);
    QSignalSpy changed(m_pool.get(), &AccountPool::credentialChanged);
    KiroCredential c = m_pool->credential(a);
    c.refreshToken = QStringLiteral("rotated") + QString(120, QLatin1Char('r'));
    m_pool->updateCredential(a, c);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_pool->account(a).refreshTokenHash, Account::hashToken(c.refreshToken));
}

void TestAccountPool::quotaBandsAndHealth()
{
    const QString a = add(QStringLiteral("a"), 1);
    add(QStringLiteral("b"), 2);
    QCOMPARE(m_pool->health(), AccountPool::Health::Healthy);
    m_pool->setQuota(a, 100, 95, m_clock.now().addDays(5), QString(), QString());
    QCOMPARE(m_pool->account(a).quotaRemainingPercent(), 5.0);
    QCOMPARE(m_pool->health(), AccountPool::Health::Degraded);
}

void TestAccountPool::excludeTriedAccounts()
{
    const QString a = add(QStringLiteral("a"), 1);
    const QString b = add(QStringLiteral("b"), 2);
    QCOMPARE(m_pool->acquire({QString(), QString(), {a}}).value(), b);
    const auto none = m_pool->acquire({QString(), QString(), {a, b}});
    QVERIFY(!none.ok());
    QCOMPARE(none.error().why, QStringLiteral("every usable account was tried"));
}

QTEST_GUILESS_MAIN(TestAccountPool)
void TestAccountPool::credentialsInMemoryAreRedacted()
{
    // Exactly the secrets the pool holds are known to the Redactor: added, loaded, rotated, removed, destroyed.
    m_pool.reset();
    QCOMPARE(Redactor::registeredCount(), 0);
    m_pool = std::make_unique<AccountPool>(m_clock);
    const QString token = QStringLiteral("plain-refresh-token-a");
    const QString a = add(QStringLiteral("a"), 1, token);
    QCOMPARE(Redactor::scrub(QStringLiteral("echo ") + token), QStringLiteral("echo [redacted]"));

    KiroCredential rotated = m_pool->credential(a);
    rotated.refreshToken = QStringLiteral("plain-refresh-token-b");
    rotated.accessToken = QStringLiteral("plain-access-token-b");
    m_pool->updateCredential(a, rotated);
    QCOMPARE(Redactor::scrub(rotated.accessToken), QStringLiteral("[redacted]"));
    QCOMPARE(Redactor::scrub(rotated.refreshToken), QStringLiteral("[redacted]"));
    QCOMPARE(Redactor::scrub(token), token); // the old value is no longer held
    QCOMPARE(Redactor::registeredCount(), 2);

    Account seeded;
    seeded.id = QStringLiteral("seed");
    m_pool->load({seeded});
    QCOMPARE(Redactor::registeredCount(), 0);
    KiroCredential seed;
    seed.refreshToken = QStringLiteral("plain-seed-refresh");
    seed.clientSecret = QStringLiteral("plain-seed-client-secret");
    m_pool->setCredential(QStringLiteral("seed"), seed);
    QCOMPARE(Redactor::scrub(seed.clientSecret), QStringLiteral("[redacted]"));
    QVERIFY(m_pool->removeAccount(QStringLiteral("seed")));
    QCOMPARE(Redactor::registeredCount(), 0);

    add(QStringLiteral("c"), 2, QStringLiteral("plain-refresh-token-c"));
    m_pool.reset();
    QCOMPARE(Redactor::registeredCount(), 0);
}

#include "tst_accountpool.moc"
