// SPDX-License-Identifier: MIT
// QuotaHistory: persistence, the hourly and 90-day bounds, the forecast on synthetic readings, bad files.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

#include "accounts/quotahistory.h"

class TestQuotaHistory : public QObject
{
    Q_OBJECT

private slots:
    void persistsAcrossReload();
    void keepsOneReadingPerHour();
    void dropsReadingsOlderThanRetention();
    void refusesMeaninglessReadings();
    void forgetsAccounts();
    void forecast_data();
    void forecast();
    void badFileIsReportedAndIgnored_data();
    void badFileIsReportedAndIgnored();
    void unwritableFileIsAnError();
};

namespace {
const QDateTime kStart = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);

QString write(const QTemporaryDir &dir, const QByteArray &bytes)
{
    const QString path = dir.filePath(QStringLiteral("quota-history.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(bytes);
    return path;
}
} // namespace

void TestQuotaHistory::persistsAcrossReload()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("quota-history.json"));
    QuotaHistory h(path);
    QVERIFY(h.record(QStringLiteral("a"), kStart, 10, 100));
    QVERIFY(h.record(QStringLiteral("a"), kStart.addSecs(3 * 3600), 12.5, 100));
    QVERIFY(h.record(QStringLiteral("b"), kStart.addDays(1), 400, 1000));
    QVERIFY(h.isDirty());
    QVERIFY(h.save().ok());
    QVERIFY(!h.isDirty());
    QVERIFY((QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther)) == 0); // DurableFile: 0600

    QuotaHistory again(path);
    QCOMPARE(again.load(), QStringList());
    QCOMPARE(again.points(QStringLiteral("a")), h.points(QStringLiteral("a")));
    QCOMPARE(again.points(QStringLiteral("b")), h.points(QStringLiteral("b")));
    QCOMPARE(again.points(QStringLiteral("a")).constLast().used, 12.5);
    QCOMPARE(again.points(QStringLiteral("a")).constLast().at, kStart.addSecs(3 * 3600));
}

void TestQuotaHistory::keepsOneReadingPerHour()
{
    QuotaHistory h;
    QVERIFY(h.record(QStringLiteral("a"), kStart.addSecs(60), 1, 100));
    QVERIFY(h.record(QStringLiteral("a"), kStart.addSecs(30 * 60), 2, 100));
    QVERIFY(h.record(QStringLiteral("a"), kStart.addSecs(59 * 60), 3, 100));
    QCOMPARE(h.points(QStringLiteral("a")).size(), 1); // the last reading of the hour wins
    QCOMPARE(h.points(QStringLiteral("a")).constFirst().used, 3.0);
    QVERIFY(h.record(QStringLiteral("a"), kStart.addSecs(3600), 4, 100));
    QCOMPARE(h.points(QStringLiteral("a")).size(), 2);
    // A whole month of readings every ten minutes stays one point per hour.
    QuotaHistory busy;
    for (int i = 0; i < 30 * 24 * 6; ++i)
        busy.record(QStringLiteral("a"), kStart.addSecs(i * 600), i / 100.0, 1000);
    QCOMPARE(busy.points(QStringLiteral("a")).size(), 30 * 24);
}

void TestQuotaHistory::dropsReadingsOlderThanRetention()
{
    QuotaHistory h;
    for (int day = 0; day < 200; ++day)
        QVERIFY(h.record(QStringLiteral("a"), kStart.addDays(day), day, 1000));
    const QList<QuotaHistory::Point> points = h.points(QStringLiteral("a"));
    QCOMPARE(points.size(), QuotaHistory::kRetentionDays + 1);
    QCOMPARE(points.constFirst().at, kStart.addDays(199 - QuotaHistory::kRetentionDays));
    QCOMPARE(points.constLast().at, kStart.addDays(199));
}

void TestQuotaHistory::refusesMeaninglessReadings()
{
    QuotaHistory h;
    QVERIFY(!h.record(QStringLiteral("a"), kStart, 1, 0));
    QVERIFY(!h.record(QStringLiteral("a"), kStart, -1, 100));
    QVERIFY(!h.record(QStringLiteral("a"), kStart, std::numeric_limits<double>::quiet_NaN(), 100));
    QVERIFY(!h.record(QStringLiteral("a"), kStart, 1, std::numeric_limits<double>::infinity()));
    QVERIFY(!h.record(QStringLiteral("a"), QDateTime(), 1, 100));
    QVERIFY(!h.record(QString(), kStart, 1, 100));
    QVERIFY(h.points(QStringLiteral("a")).isEmpty());
    QVERIFY(h.record(QStringLiteral("a"), kStart.addDays(1), 5, 100));
    QVERIFY(!h.record(QStringLiteral("a"), kStart, 4, 100)); // the clock stepped back: dropped, nothing replaced
    QCOMPARE(h.points(QStringLiteral("a")).size(), 1);
    QCOMPARE(h.points(QStringLiteral("a")).constFirst().used, 5.0);
}

void TestQuotaHistory::forgetsAccounts()
{
    QuotaHistory h;
    h.record(QStringLiteral("a"), kStart, 1, 100);
    h.record(QStringLiteral("b"), kStart, 1, 100);
    h.record(QStringLiteral("c"), kStart, 1, 100);
    h.forget(QStringLiteral("a"));
    h.retainOnly({QStringLiteral("b")});
    QCOMPARE(h.accountIds(), QStringList{QStringLiteral("b")});
}

void TestQuotaHistory::forecast_data()
{
    using Kind = QuotaHistory::Forecast::Kind;
    QTest::addColumn<QList<QuotaHistory::Point>>("points");
    QTest::addColumn<QDateTime>("resetAt");
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("perDay");
    QTest::addColumn<QDateTime>("runsOutAt");

    auto steady = [](int days, double perDay, double start, double limit) {
        QList<QuotaHistory::Point> p;
        for (int d = 0; d <= days; ++d)
            p.append({kStart.addDays(d), start + perDay * d, limit});
        return p;
    };
    // 10 a day from 0, limit 100, last reading day 4 at 40: 60 left, six more days.
    QTest::newRow("steady pace runs out")
        << steady(4, 10, 0, 100) << QDateTime() << int(Kind::RunsOut) << 10.0 << kStart.addDays(10);
    QTest::newRow("reset before it runs out")
        << steady(4, 10, 0, 100) << kStart.addDays(8) << int(Kind::LastsUntilReset) << 10.0 << kStart.addDays(10);
    QTest::newRow("reset after it runs out")
        << steady(4, 10, 0, 100) << kStart.addDays(20) << int(Kind::RunsOut) << 10.0 << kStart.addDays(10);
    QTest::newRow("two readings are not enough")
        << steady(1, 10, 0, 100) << QDateTime() << int(Kind::NotEnoughData) << 0.0 << QDateTime();
    QList<QuotaHistory::Point> shortSpan{
        {kStart, 1, 100}, {kStart.addSecs(3600), 2, 100}, {kStart.addSecs(7200), 3, 100}};
    QTest::newRow("three readings within two hours")
        << shortSpan << QDateTime() << int(Kind::NotEnoughData) << 0.0 << QDateTime();
    QTest::newRow("no use") << steady(5, 0, 30, 100) << QDateTime() << int(Kind::Idle) << 0.0 << QDateTime();
    // A reset (use drops) starts a new period: only the readings after it count.
    QList<QuotaHistory::Point> afterReset = steady(3, 30, 0, 1000);
    for (int d = 0; d <= 3; ++d)
        afterReset.append({kStart.addDays(10 + d), 20.0 * d, 1000});
    QTest::newRow("readings before a reset are ignored")
        << afterReset << QDateTime() << int(Kind::RunsOut) << 20.0 << kStart.addDays(13 + (1000 - 60) / 20);
    // Only the last week sets the pace: 1 a day for three weeks, then 5 a day for eight days.
    QList<QuotaHistory::Point> faster = steady(21, 1, 0, 1000);
    for (int d = 1; d <= 8; ++d)
        faster.append({kStart.addDays(21 + d), 21 + 5.0 * d, 1000});
    QTest::newRow("the last week sets the pace") << faster << QDateTime() << int(Kind::RunsOut) << 5.0
                                                 << kStart.addDays(29).addSecs(qint64((1000 - 61) / 5.0 * 86400));
}

void TestQuotaHistory::forecast()
{
    QFETCH(QList<QuotaHistory::Point>, points);
    QFETCH(QDateTime, resetAt);
    QFETCH(int, kind);
    QFETCH(double, perDay);
    QFETCH(QDateTime, runsOutAt);
    const QuotaHistory::Forecast f = QuotaHistory::forecastFor(points, points.constLast().at, resetAt);
    QCOMPARE(int(f.kind), kind);
    if (kind == int(QuotaHistory::Forecast::Kind::NotEnoughData))
        return;
    QVERIFY2(std::abs(f.perDay - perDay) < 1e-6, qPrintable(QString::number(f.perDay)));
    if (runsOutAt.isValid())
        QVERIFY2(std::abs(f.runsOutAt.secsTo(runsOutAt)) <= 60, qPrintable(f.runsOutAt.toString(Qt::ISODate)));
    // Through a history object too: the same answer for the same readings.
    QuotaHistory h;
    for (const QuotaHistory::Point &p : points)
        h.record(QStringLiteral("a"), p.at, p.used, p.limit);
    QCOMPARE(int(h.forecast(QStringLiteral("a"), points.constLast().at, resetAt).kind), kind);
}

void TestQuotaHistory::badFileIsReportedAndIgnored_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("pointsKept");
    QTest::newRow("not JSON") << QByteArray("{\"version\":1,\"accounts\":{\"a\":[[17") << 0;
    QTest::newRow("binary") << QByteArray("\x00\xff\xfe garbage", 12) << 0;
    QTest::newRow("an array") << QByteArray("[1,2,3]") << 0;
    QTest::newRow("unknown version") << QByteArray(R"({"version":7,"accounts":{"a":[[1790000000,1,100]]}})") << 0;
    QTest::newRow("accounts not an object") << QByteArray(R"({"version":1,"accounts":[1,2]})") << 0;
    QTest::newRow("bad rows beside good ones")
        << QByteArray(R"({"version":1,"accounts":{"a":[[1790000000,1,100],"x",[1790003600,-5,100],[1790007200,2],)"
                      R"([1790010800,3,0],[1e300,3,100],[1790014400,1e308,100],[1790018000,4,100]]}})")
        << 2;
    QTest::newRow("out of order") << QByteArray(
                                         R"({"version":1,"accounts":{"a":[[1790003600,2,100],[1790000000,1,100]]}})")
                                  << 1;
    QTest::newRow("an account that is not a list") << QByteArray(R"({"version":1,"accounts":{"a":{"x":1}}})") << 0;
}

void TestQuotaHistory::badFileIsReportedAndIgnored()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, pointsKept);
    QTemporaryDir dir;
    const QString path = write(dir, bytes);
    QuotaHistory h(path);
    const QStringList problems = h.load();
    QCOMPARE(int(h.points(QStringLiteral("a")).size()), pointsKept);
    QVERIFY2(!problems.isEmpty(), "a bad file is reported");
    QVERIFY(problems.constFirst().contains(path));
    // What is kept still works: a new reading, a forecast, a save that the next load reads without complaint.
    QVERIFY(h.record(QStringLiteral("a"), QDateTime::currentDateTimeUtc(), 5, 100));
    h.forecast(QStringLiteral("a"), QDateTime::currentDateTimeUtc(), QDateTime());
    QVERIFY(h.save().ok());
    QuotaHistory again(path);
    QCOMPARE(again.load(), QStringList());
    QCOMPARE(again.points(QStringLiteral("a")).size(), pointsKept + 1);
}

void TestQuotaHistory::unwritableFileIsAnError()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(QStringLiteral("file"));
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QuotaHistory h(blocker + QStringLiteral("/quota-history.json")); // a directory that is a file
    h.record(QStringLiteral("a"), kStart, 1, 100);
    const auto saved = h.save();
    QVERIFY(!saved.ok());
    QVERIFY(!saved.error().isEmpty());
    QVERIFY(h.isDirty());
}

QTEST_GUILESS_MAIN(TestQuotaHistory)
#include "tst_quotahistory.moc"
