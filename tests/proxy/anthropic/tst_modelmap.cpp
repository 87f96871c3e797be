// SPDX-License-Identifier: MIT
// Tests ModelMap (id normalisation, aliases, windows, -thinking, served-list fallback) and ModelCatalogue (shape,
// pagination, served list).
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

    // With Kiro's served list (ListAvailableModels) known.
    void servedResolve_data();
    void servedResolve();
    void servedAliases();
    void servedListCleared();
    void catalogueServed_data();
    void catalogueServed();
    void catalogueServedOrder();
    void catalogueServedCleared();
};

namespace {

/// "id" or "id=maxInputTokens".
QList<KiroModelInfo> servedList(const QStringList &specs)
{
    QList<KiroModelInfo> out;
    for (const QString &spec : specs) {
        KiroModelInfo m;
        m.modelId = spec.section(QLatin1Char('='), 0, 0);
        m.maxInputTokens = spec.section(QLatin1Char('='), 1, 1).toLongLong();
        m.maxOutputTokens = m.maxInputTokens > 0 ? 64000 : 0;
        out.append(m);
    }
    return out;
}

// What Kiro served in May 2026 (docs/protocol.md §6.1); haiku and auto without token limits.
const QStringList defaultServed{
    QStringLiteral("auto"),
    QStringLiteral("claude-haiku-4.5"),
    QStringLiteral("claude-sonnet-4.5=200000"),
    QStringLiteral("claude-sonnet-4.6=1000000"),
    QStringLiteral("claude-opus-4.5=200000"),
    QStringLiteral("claude-opus-4.6=1000000"),
    QStringLiteral("claude-opus-4.7=1000000"),
};

/// Every model /v1/models lists, in order.
QList<QJsonObject> listed(const ModelCatalogue &c)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    QList<QJsonObject> out;
    for (const QJsonValue &v : c.list(q)->value(QStringLiteral("data")).toArray())
        out.append(v.toObject());
    return out;
}

} // namespace

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
             listed(c).at(4).value(QStringLiteral("id")).toString());
    QUrlQuery bad;
    bad.addQueryItem(QStringLiteral("limit"), QStringLiteral("0"));
    QCOMPARE(c.list(bad).error().status, 400);
}

void TestModelMap::servedResolve_data()
{
    QTest::addColumn<QStringList>("served");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("kiro"); ///< empty: a 400 is expected
    QTest::addColumn<QString>("normalized");
    QTest::addColumn<bool>("fallback");
    QTest::addColumn<qint64>("window");
    QTest::addColumn<int>("thinking");
    QTest::addColumn<QString>("error"); ///< expected in the 400's message
    const int none = int(ThinkingConfig::Type::Disabled);
    const int enabled = int(ThinkingConfig::Type::Enabled);
    const int adaptive = int(ThinkingConfig::Type::Adaptive);
    const QStringList all = defaultServed;
    const QString noError;
    auto row = [&](const char *name, const QStringList &served, const char *model, const char *kiro,
                   const char *normalized, bool fallback, qint64 window, int thinking, const QString &error) {
        QTest::newRow(name) << served << QString::fromUtf8(model) << QString::fromUtf8(kiro)
                            << QString::fromUtf8(normalized) << fallback << window << thinking << error;
    };

    // Served as asked.
    row("sonnet 4.6 [1m] served", all, "claude-sonnet-4-6[1m]", "claude-sonnet-4.6", "claude-sonnet-4.6", false,
        1000000, none, noError);
    row("haiku dated served", all, "claude-haiku-4-5-20251001", "claude-haiku-4.5", "claude-haiku-4.5", false, 200000,
        none, noError);
    row("opus 4.7 served", all, "claude-opus-4-7", "claude-opus-4.7", "claude-opus-4.7", false, 1000000, none, noError);
    row("served id any case", all, "CLAUDE-OPUS-4.5", "claude-opus-4.5", "claude-opus-4.5", false, 200000, none,
        noError);
    row("auto served, window from table", all, "auto", "auto", "auto", false, 1000000, none, noError);
    row("served window beats table", {QStringLiteral("claude-opus-4.7=300000")}, "claude-opus-4-7", "claude-opus-4.7",
        "claude-opus-4.7", false, 300000, none, noError);

    // Family fallback.
    row("opus 4.8 falls back to 4.7", all, "claude-opus-4-8", "claude-opus-4.7", "claude-opus-4.8", true, 1000000, none,
        noError);
    row("opus 5.5 newer than all served", all, "claude-opus-5-5", "claude-opus-4.7", "claude-opus-5.5", true, 1000000,
        none, noError);
    row("sonnet 5 major only", all, "claude-sonnet-5", "claude-sonnet-4.6", "claude-sonnet-5", true, 1000000, none,
        noError);
    row("sonnet 4 dated to closest 4.5", all, "claude-sonnet-4-20250514", "claude-sonnet-4.5", "claude-sonnet-4", true,
        200000, none, noError);
    row("opus 4.1 dated to closest 4.5", all, "claude-opus-4-1-20250805", "claude-opus-4.5", "claude-opus-4.1", true,
        200000, none, noError);
    row("3.7 sonnet to closest sonnet", all, "claude-3-7-sonnet-20250219", "claude-sonnet-4.5", "claude-3.7-sonnet",
        true, 200000, none, noError);
    row("3 opus without minor", all, "claude-3-opus-20240229", "claude-opus-4.5", "claude-3-opus", true, 200000, none,
        noError);
    row("3.5 haiku", all, "claude-3-5-haiku-20241022", "claude-haiku-4.5", "claude-3.5-haiku", true, 200000, none,
        noError);
    row("dotted family-last 4.8 opus", all, "claude-4.8-opus", "claude-opus-4.7", "claude-4.8-opus", true, 1000000,
        none, noError);
    row("bare sonnet picks newest", all, "sonnet", "claude-sonnet-4.6", "sonnet", true, 1000000, none, noError);
    row("bare opus picks newest", all, "opus", "claude-opus-4.7", "opus", true, 1000000, none, noError);
    row("claude-haiku without version", all, "claude-haiku-latest", "claude-haiku-4.5", "claude-haiku", true, 200000,
        none, noError);
    row("distance tie goes to newer", {QStringLiteral("claude-opus-4.5"), QStringLiteral("claude-opus-4.7")},
        "claude-opus-4-6", "claude-opus-4.7", "claude-opus-4.6", true, 1000000, none, noError);
    row("older than all served picks oldest",
        {QStringLiteral("claude-sonnet-4.5"), QStringLiteral("claude-sonnet-4.6")}, "claude-sonnet-4-1",
        "claude-sonnet-4.5", "claude-sonnet-4.1", true, 200000, none, noError);

    // The -thinking suffix on every path; adaptive follows the model actually used.
    row("opus 4.6 thinking served, adaptive", all, "claude-opus-4-6-thinking", "claude-opus-4.6", "claude-opus-4.6",
        false, 1000000, adaptive, noError);
    row("opus 4.8 thinking falls back, adaptive", all, "claude-opus-4-8-thinking", "claude-opus-4.7", "claude-opus-4.8",
        true, 1000000, adaptive, noError);
    row("opus 4.1 thinking falls back to 4.5, enabled", all, "claude-opus-4-1-thinking", "claude-opus-4.5",
        "claude-opus-4.1", true, 200000, enabled, noError);
    row("sonnet 5 thinking, enabled", all, "claude-sonnet-5-thinking", "claude-sonnet-4.6", "claude-sonnet-5", true,
        1000000, enabled, noError);

    // Not served and no family to fall back to: 400.
    row("gpt-4o lists served ids", all, "gpt-4o", "", "", false, 0, none,
        QStringLiteral("model: \"gpt-4o\" is not available from Kiro; available: auto, claude-haiku-4.5, "
                       "claude-sonnet-4.5, claude-sonnet-4.6, claude-opus-4.5, claude-opus-4.6, claude-opus-4.7"));
    row("unknown claude family", all, "claude-foo-1", "", "", false, 0, none,
        QStringLiteral("model: \"claude-foo-1\" is not available from Kiro; available: auto,"));
    row("deepseek not served", all, "deepseek-3.2", "", "", false, 0, none,
        QStringLiteral("\"deepseek-3.2\" is not available from Kiro"));
    QStringList noHaiku = all;
    noHaiku.removeAll(QStringLiteral("claude-haiku-4.5"));
    row("no haiku served", noHaiku, "claude-haiku-4-5-20251001", "", "", false, 0, none,
        QStringLiteral("model: \"claude-haiku-4-5-20251001\" is not available from Kiro (no haiku model is served); "
                       "available: auto, claude-sonnet-4.5,"));
    row("bare haiku, none served", noHaiku, "haiku", "", "", false, 0, none,
        QStringLiteral("(no haiku model is served)"));
}

void TestModelMap::servedResolve()
{
    QFETCH(QStringList, served);
    QFETCH(QString, model);
    QFETCH(QString, kiro);
    QFETCH(QString, error);
    ModelMap map;
    map.setServedModels(servedList(served));
    const auto r = map.resolve(model);
    if (kiro.isEmpty()) {
        QVERIFY(!r.ok());
        QCOMPARE(r.error().status, 400);
        QCOMPARE(r.error().type, QStringLiteral("invalid_request_error"));
        QVERIFY2(r.error().message.contains(error), qPrintable(r.error().message));
        return;
    }
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->kiroModelId, kiro);
    QTEST(r->requestedNormalized, "normalized");
    QTEST(r->fallback, "fallback");
    QTEST(r->contextWindow, "window");
    QFETCH(int, thinking);
    QCOMPARE(int(r->impliedThinking.type), thinking);
    QCOMPARE(r->thinkingSuffix, thinking != int(ThinkingConfig::Type::Disabled));
    QCOMPARE(r->impliedEffort.isEmpty(), thinking != int(ThinkingConfig::Type::Adaptive));
}

void TestModelMap::servedAliases()
{
    ModelMap map;
    map.setServedModels(servedList(defaultServed));
    map.setAliases({{QStringLiteral("My-Fast"), QStringLiteral("claude-haiku-4.5")},
                    {QStringLiteral("claude-opus-4-8"), QStringLiteral("claude-opus-4.6")},
                    {QStringLiteral("gpt-4o"), QStringLiteral("claude-opus-9.9")}});
    QCOMPARE(map.resolve(QStringLiteral("my-fast"))->kiroModelId, QStringLiteral("claude-haiku-4.5"));
    // An alias beats the family fallback, and is not a fallback itself.
    const auto opus = map.resolve(QStringLiteral("claude-opus-4-8"));
    QCOMPARE(opus->kiroModelId, QStringLiteral("claude-opus-4.6"));
    QCOMPARE(opus->fallback, false);
    QCOMPARE(opus->requestedNormalized, QStringLiteral("claude-opus-4.8"));
    // The user's target is trusted even when Kiro does not list it.
    QCOMPARE(map.resolve(QStringLiteral("gpt-4o"))->kiroModelId, QStringLiteral("claude-opus-9.9"));
}

void TestModelMap::servedListCleared()
{
    ModelMap map;
    // Nothing served yet: unknown ids pass through.
    QCOMPARE(map.resolve(QStringLiteral("gpt-4o"))->kiroModelId, QStringLiteral("gpt-4o"));
    map.setServedModels(servedList(defaultServed));
    QVERIFY(!map.resolve(QStringLiteral("gpt-4o")).ok());
    map.setServedModels({});
    // Unknown again: pass through as before, 3.x to auto.
    QCOMPARE(map.resolve(QStringLiteral("gpt-4o"))->kiroModelId, QStringLiteral("gpt-4o"));
    QCOMPARE(map.resolve(QStringLiteral("claude-opus-4-8"))->kiroModelId, QStringLiteral("claude-opus-4.8"));
    QCOMPARE(map.resolve(QStringLiteral("claude-opus-4-8"))->fallback, false);
    QCOMPARE(map.resolve(QStringLiteral("claude-3-7-sonnet"))->kiroModelId, QStringLiteral("auto"));
}

void TestModelMap::catalogueServed_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("kiro");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<qint64>("maxInput"); ///< 0: key absent

    QTest::newRow("newer than the table") << QStringLiteral("claude-opus-4-7") << QStringLiteral("claude-opus-4.7")
                                          << QStringLiteral("Claude Opus 4.7") << qint64(1000000);
    QTest::newRow("thinking variant") << QStringLiteral("claude-opus-4-7-thinking") << QStringLiteral("claude-opus-4.7")
                                      << QStringLiteral("Claude Opus 4.7 (Thinking)") << qint64(1000000);
    QTest::newRow("dated id from the table")
        << QStringLiteral("claude-sonnet-4-5-20250929") << QStringLiteral("claude-sonnet-4.5")
        << QStringLiteral("Claude Sonnet 4.5") << qint64(200000);
    QTest::newRow("dated thinking id") << QStringLiteral("claude-sonnet-4-5-20250929-thinking")
                                       << QStringLiteral("claude-sonnet-4.5")
                                       << QStringLiteral("Claude Sonnet 4.5 (Thinking)") << qint64(200000);
    QTest::newRow("undated id next to a dated one")
        << QStringLiteral("claude-sonnet-4-5") << QStringLiteral("claude-sonnet-4.5")
        << QStringLiteral("Claude Sonnet 4.5") << qint64(200000);
    QTest::newRow("undated in the table") << QStringLiteral("claude-opus-4-6") << QStringLiteral("claude-opus-4.6")
                                          << QStringLiteral("Claude Opus 4.6") << qint64(1000000);
    QTest::newRow("no token limits reported")
        << QStringLiteral("claude-haiku-4-5-20251001") << QStringLiteral("claude-haiku-4.5")
        << QStringLiteral("Claude Haiku 4.5") << qint64(0);
    QTest::newRow("non-claude by kiro id")
        << QStringLiteral("auto") << QStringLiteral("auto") << QStringLiteral("auto") << qint64(0);
    QTest::newRow("3.x family-last") << QStringLiteral("claude-3-7-sonnet") << QStringLiteral("claude-3.7-sonnet")
                                     << QStringLiteral("Claude 3.7 Sonnet") << qint64(0);
    QTest::newRow("alias still listed") << QStringLiteral("my-fast") << QString() << QStringLiteral("my-fast")
                                        << qint64(0);
}

void TestModelMap::catalogueServed()
{
    QFETCH(QString, id);
    QFETCH(QString, kiro);
    QFETCH(QString, displayName);
    QFETCH(qint64, maxInput);
    ModelCatalogue c;
    c.setExtraIds({QStringLiteral("my-fast")});
    c.setServedModels(servedList(defaultServed + QStringList{QStringLiteral("claude-3.7-sonnet")}));
    const auto found = c.find(id);
    QVERIFY2(found.ok(), qPrintable(id));
    QCOMPARE(found->value(QStringLiteral("id")).toString(), id);
    QCOMPARE(found->value(QStringLiteral("kiro_model_id")).toString(), kiro);
    QCOMPARE(found->value(QStringLiteral("display_name")).toString(), displayName);
    QCOMPARE(found->contains(QStringLiteral("max_input_tokens")), maxInput > 0);
    QCOMPARE(qint64(found->value(QStringLiteral("max_input_tokens")).toDouble()), maxInput);
    QCOMPARE(found->contains(QStringLiteral("max_tokens")), maxInput > 0);
    QVERIFY(found->value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
}

void TestModelMap::catalogueServedOrder()
{
    ModelCatalogue c;
    c.setServedModels(servedList(defaultServed));
    c.setExtraIds({QStringLiteral("my-fast"), QStringLiteral("claude-opus-4-7")});
    const QList<QJsonObject> models = listed(c);
    QStringList ids;
    for (const QJsonObject &m : models)
        ids.append(m.value(QStringLiteral("id")).toString());
    const QStringList expected{
        QStringLiteral("claude-opus-4-7"),
        QStringLiteral("claude-opus-4-7-thinking"),
        QStringLiteral("claude-sonnet-4-6"),
        QStringLiteral("claude-sonnet-4-6-thinking"),
        QStringLiteral("claude-opus-4-6"),
        QStringLiteral("claude-opus-4-6-thinking"),
        QStringLiteral("claude-opus-4-5"),
        QStringLiteral("claude-opus-4-5-thinking"),
        QStringLiteral("claude-opus-4-5-20251101"),
        QStringLiteral("claude-opus-4-5-20251101-thinking"),
        QStringLiteral("claude-haiku-4-5"),
        QStringLiteral("claude-haiku-4-5-thinking"),
        QStringLiteral("claude-haiku-4-5-20251001"),
        QStringLiteral("claude-haiku-4-5-20251001-thinking"),
        QStringLiteral("claude-sonnet-4-5"),
        QStringLiteral("claude-sonnet-4-5-thinking"),
        QStringLiteral("claude-sonnet-4-5-20250929"),
        QStringLiteral("claude-sonnet-4-5-20250929-thinking"),
        QStringLiteral("auto"),
        QStringLiteral("my-fast"), // the listed claude-opus-4-7 alias is not repeated
    };
    QCOMPARE(ids, expected);
    // Newest first among the Claude models; non-Claude models and aliases follow.
    for (qsizetype i = 1; i < expected.indexOf(QStringLiteral("auto")); ++i)
        QVERIFY(models.at(i - 1).value(QStringLiteral("created")).toDouble() >=
                models.at(i).value(QStringLiteral("created")).toDouble());
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    const auto list = c.list(q);
    QCOMPARE(list->value(QStringLiteral("data")).toArray().size(), expected.size());
    QCOMPARE(list->value(QStringLiteral("first_id")).toString(), QStringLiteral("claude-opus-4-7"));
    for (const QString &id : expected)
        QVERIFY2(c.find(id).ok(), qPrintable(id));
    QCOMPARE(c.find(QStringLiteral("claude-opus-4-8")).error().status, 404);
}

void TestModelMap::catalogueServedCleared()
{
    const ModelCatalogue builtin;
    ModelCatalogue c;
    c.setExtraIds({QStringLiteral("my-fast")});
    c.setServedModels(servedList(defaultServed));
    c.setServedModels({});
    const QList<QJsonObject> models = listed(c);
    const QList<QJsonObject> builtinModels = listed(builtin);
    QCOMPARE(models.size(), builtinModels.size() + 1);
    for (qsizetype i = 0; i < builtinModels.size(); ++i) {
        QCOMPARE(models.at(i), builtinModels.at(i));
        QVERIFY(!models.at(i).contains(QStringLiteral("kiro_model_id")));
    }
    QCOMPARE(models.last().value(QStringLiteral("id")).toString(), QStringLiteral("my-fast"));
}

QTEST_GUILESS_MAIN(TestModelMap)
#include "tst_modelmap.moc"
