// SPDX-License-Identifier: MIT
// Tests MachineId: normalisation and the KRS derivation order (docs/protocol.md §4.3).
#include <QCryptographicHash>
#include <QTest>

#include "kiro/machineid.h"

class TestMachineId : public QObject
{
    Q_OBJECT

private slots:
    void sha256Vector();
    void normalize_data();
    void normalize();
    void derive_data();
    void derive();
};

void TestMachineId::sha256Vector()
{
    QCOMPARE(QCryptographicHash::hash("test", QCryptographicHash::Sha256).toHex(),
             QByteArray("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
}

void TestMachineId::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString hex64 = QStringLiteral("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    QTest::newRow("64 hex") << hex64 << hex64;
    QTest::newRow("upper case") << hex64.toUpper() << hex64;
    QTest::newRow("uuid doubled") << QStringLiteral("0B4C2E6A-1F2D-4C3B-9A8E-7D6C5B4A3F21")
                                  << QStringLiteral("0b4c2e6a1f2d4c3b9a8e7d6c5b4a3f210b4c2e6a1f2d4c3b9a8e7d6c5b4a3f21");
    QTest::newRow("too short") << QStringLiteral("abc") << QString();
    QTest::newRow("not hex") << QString(64, QLatin1Char('z')) << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestMachineId::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(MachineId::normalize(input), expected);
}

void TestMachineId::derive_data()
{
    QTest::addColumn<QString>("credentialId");
    QTest::addColumn<QString>("configId");
    QTest::addColumn<QString>("expected");
    const QString a(64, QLatin1Char('a'));
    const QString b(64, QLatin1Char('b'));
    const QString fromToken =
        QString::fromLatin1(QCryptographicHash::hash("KotlinNativeAPI/rt", QCryptographicHash::Sha256).toHex());
    QTest::newRow("credential wins") << a << b << a;
    QTest::newRow("config next") << QString() << b << b;
    QTest::newRow("invalid credential falls through") << QStringLiteral("junk") << b << b;
    QTest::newRow("refresh token hash") << QString() << QString() << fromToken;
}

void TestMachineId::derive()
{
    QFETCH(QString, credentialId);
    QFETCH(QString, configId);
    QFETCH(QString, expected);
    KiroCredential c;
    c.refreshToken = QStringLiteral("rt");
    c.machineId = credentialId;
    QCOMPARE(MachineId::derive(c, configId), expected);
}

QTEST_GUILESS_MAIN(TestMachineId)
#include "tst_machineid.moc"
