// SPDX-License-Identifier: MIT
// Tests JsonNumber: every double a JSON document can hold becomes an integer without undefined behaviour.
#include <cmath>
#include <limits>

#include <QTest>

#include "common/jsonnumber.h"

class TestJsonNumber : public QObject
{
    Q_OBJECT
private slots:
    void toInt64_data();
    void toInt64();
    void toCount_data();
    void toCount();
    void isInteger_data();
    void isInteger();
};

namespace {
constexpr qint64 kMax = std::numeric_limits<qint64>::max();
constexpr qint64 kMin = std::numeric_limits<qint64>::min();
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

void TestJsonNumber::toInt64_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("zero") << 0.0 << qint64(0);
    QTest::newRow("truncates toward zero") << 1.9 << qint64(1);
    QTest::newRow("negative truncates toward zero") << -1.9 << qint64(-1);
    QTest::newRow("2^53") << 9007199254740992.0 << qint64(9007199254740992);
    QTest::newRow("1e300 clamps") << 1e300 << kMax;
    QTest::newRow("-1e300 clamps") << -1e300 << kMin;
    QTest::newRow("2^63 is not a qint64") << 9223372036854775808.0 << kMax;
    QTest::newRow("-2^63 is") << -9223372036854775808.0 << kMin;
    QTest::newRow("infinity") << kInf << kMax;
    QTest::newRow("-infinity") << -kInf << kMin;
    QTest::newRow("NaN") << std::nan("") << qint64(0);
}

void TestJsonNumber::toInt64()
{
    QFETCH(double, value);
    QFETCH(qint64, expected);
    QCOMPARE(JsonNumber::toInt64(value), expected);
}

void TestJsonNumber::toCount_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("tokens") << 1234.0 << qint64(1234);
    QTest::newRow("negative is none") << -5.0 << qint64(0);
    QTest::newRow("1e300 is 2^53") << 1e300 << JsonNumber::kMaxExactInteger;
    QTest::newRow("NaN is none") << std::nan("") << qint64(0);
}

void TestJsonNumber::toCount()
{
    QFETCH(double, value);
    QFETCH(qint64, expected);
    QCOMPARE(JsonNumber::toCount(value), expected);
    // Two counts always add up without overflow.
    QVERIFY(JsonNumber::toCount(value) + JsonNumber::toCount(value) >= 0);
}

void TestJsonNumber::isInteger_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("expected");
    QTest::newRow("1") << 1.0 << true;
    QTest::newRow("-7") << -7.0 << true;
    QTest::newRow("1.5") << 1.5 << false;
    QTest::newRow("1e18") << 1e18 << true;
    QTest::newRow("1e300") << 1e300 << false;
    QTest::newRow("-1e300") << -1e300 << false;
    QTest::newRow("-2^63") << -9223372036854775808.0 << true;
    QTest::newRow("2^63") << 9223372036854775808.0 << false;
    QTest::newRow("infinity") << kInf << false;
    QTest::newRow("NaN") << std::nan("") << false;
}

void TestJsonNumber::isInteger()
{
    QFETCH(double, value);
    QFETCH(bool, expected);
    QCOMPARE(JsonNumber::isInteger(value), expected);
}

QTEST_GUILESS_MAIN(TestJsonNumber)
#include "tst_jsonnumber.moc"
