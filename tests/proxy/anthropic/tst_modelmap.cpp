// SPDX-License-Identifier: MIT
// Tests ModelMap (id normalisation, aliases, windows, -thinking) and ModelCatalogue (shape, pagination).
#include <QJsonArray>
#include <QTest>

#include "anthropic/modelcatalogue.h"
#include "anthropic/modelmap.h"

class TestModelMap : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data();
    void resolve();
    void aliases();
    void emptyModel();
    void catalogueShape();
    void cataloguePages();
};

void TestModelMap::resolve_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("kiro");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<int>("thinking");
    const int none = int(ThinkingConfig::Type::Disabled);
    const int enabled = int(ThinkingConfig::Type::Enabled);
    const int adaptive = int(ThinkingConfig::Type::Adaptive);
    QTest::newRow("dated sonnet 4.5") << QStringLiteral("claude-sonnet-4-5-20250929")
                                      << QStringLiteral("claude-sonnet-4.5") << qint64(200000) << none;
    QTest::newRow("sonnet 4.6") << QStringLiteral("claude-sonnet-4-6") << QStringLiteral("claude-sonnet-4.6")
                                << qint64(1000000) << none;
    QTest::newRow("sonnet 4.6 [1m]") << QStringLiteral("claude-sonnet-4-6[1m]") << QStringLiteral("claude-sonnet-4.6")
                                     << qint64(1000000) << none;
    QTest::newRow("opus 4.6") << QStringLiteral("claude-opus-4-6") << QStringLiteral("claude-opus-4.6")
                              << qint64(1000000) << none;
    QTest::newRow("opus 4.5 dated") << QStringLiteral("claude-opus-4-5-20251101") << QStringLiteral("claude-opus-4.5")
                                    << qint64(200000) << none;
    QTest::newRow("opus 4.7") << QStringLiteral("claude-opus-4-7") << QStringLiteral("claude-opus-4.7")
                              << qint64(1000000) << none;
    QTest::newRow("haiku dated") << QStringLiteral("claude-haiku-4-5-20251001") << QStringLiteral("claude-haiku-4.5")
                                 << qint64(200000) << none;
    QTest::newRow("dotted already") << QStringLiteral("claude-sonnet-4.5") << QStringLiteral("claude-sonnet-4.5")
                                    << qint64(200000) << none;
    QTest::newRow("upper case") << QStringLiteral("Claude-Sonnet-4-5") << QStringLiteral("claude-sonnet-4.5")
                                << qint64(200000) << none;
    QTest::newRow("latest suffix") << QStringLiteral("claude-sonnet-4-5-latest") << QStringLiteral("claude-sonnet-4.5")
                                   << qint64(200000) << none;
    QTest::newRow("sonnet 4 dated") << QStringLiteral("claude-sonnet-4-20250514") << QStringLiteral("claude-sonnet-4")
                                    << qint64(200000) << none;
    QTest::newRow("3.7 sonnet to auto") << QStringLiteral("claude-3-7-sonnet-20250219") << QStringLiteral("auto")
                                        << qint64(1000000) << none;
    QTest::newRow("thinking suffix sonnet") << QStringLiteral("claude-sonnet-4-5-20250929-thinking")
                                            << QStringLiteral("claude-sonnet-4.5") << qint64(200000) << enabled;
    QTest::newRow("thinking suffix opus 4.6") << QStringLiteral("claude-opus-4-6-thinking")
                                              << QStringLiteral("claude-opus-4.6") << qint64(1000000) << adaptive;
    QTest::newRow("non claude passes through")
        << QStringLiteral("deepseek-3.2") << QStringLiteral("deepseek-3.2") << qint64(164000) << none;
    QTest::newRow("auto") << QStringLiteral("auto") << QStringLiteral("auto") << qint64(1000000) << none;
    QTest::newRow("qwen") << QStringLiteral("qwen3-coder-next") << QStringLiteral("qwen3-coder-next") << qint64(256000)
                          << none;
}

void TestModelMap::resolve()
{
    QFETCH(QString, model);
    QFETCH(QString, kiro);
    QFETCH(qint64, window);
    QFETCH(int, thinking);
    ModelMap map;
    const auto r = map.resolve(model);
    QVERIFY(r.ok());
    QCOMPARE(r->kiroModelId, kiro);
    QCOMPARE(r->contextWindow, window);
    QCOMPARE(int(r->impliedThinking.type), thinking);
    QCOMPARE(r->thinkingSuffix, thinking != int(ThinkingConfig::Type::Disabled));
}

void TestModelMap::aliases()
{
    ModelMap map;
    map.setAliases({{QStringLiteral("My-Fast"), QStringLiteral("claude-haiku-4.5")}});
    QCOMPARE(map.resolve(QStringLiteral("my-fast"))->kiroModelId, QStringLiteral("claude-haiku-4.5"));
}

void TestModelMap::emptyModel()
{
    ModelMap map;
    QVERIFY(!map.resolve(QStringLiteral("  ")).ok());
}

void TestModelMap::catalogueShape()
{
    ModelCatalogue c;
    const auto list = c.list({});
    QVERIFY(list.ok());
    const QJsonArray data = list->value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 10);
    for (const QJsonValue &v : data) {
        const QJsonObject m = v.toObject();
        QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("model"));
        QVERIFY(m.value(QStringLiteral("id")).toString().startsWith(QLatin1String("claude-")));
        QVERIFY(!m.value(QStringLiteral("display_name")).toString().isEmpty());
        QVERIFY(m.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
    }
    QCOMPARE(list->value(QStringLiteral("first_id")).toString(),
             data.first().toObject().value(QStringLiteral("id")).toString());
    QCOMPARE(list->value(QStringLiteral("has_more")).toBool(), false);
    QVERIFY(c.find(QStringLiteral("claude-opus-4-6")).ok());
    QCOMPARE(c.find(QStringLiteral("gpt-4")).error().status, 404);
}

void TestModelMap::cataloguePages()
{
    ModelCatalogue c;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QStringLiteral("4"));
    const auto first = c.list(q);
    QCOMPARE(first->value(QStringLiteral("data")).toArray().size(), 4);
    QVERIFY(first->value(QStringLiteral("has_more")).toBool());
    q.addQueryItem(QStringLiteral("after_id"), first->value(QStringLiteral("last_id")).toString());
    const auto second = c.list(q);
    QCOMPARE(second->value(QStringLiteral("data")).toArray().first().toObject().value(QStringLiteral("id")).toString(),
             c.entries().at(4).id);
    QUrlQuery bad;
    bad.addQueryItem(QStringLiteral("limit"), QStringLiteral("0"));
    QCOMPARE(c.list(bad).error().status, 400);
}

QTEST_GUILESS_MAIN(TestModelMap)
#include "tst_modelmap.moc"
