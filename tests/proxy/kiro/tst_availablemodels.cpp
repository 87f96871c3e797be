// SPDX-License-Identifier: MIT
// Tests AvailableModels::parsePage (ListAvailableModels pages, docs/protocol.md §6.6).
#include <QTest>

#include "kiro/availablemodels.h"

class TestAvailableModels : public QObject
{
    Q_OBJECT

private slots:
    void parsePage_data();
    void parsePage();
    void parseErrors_data();
    void parseErrors();
};

namespace {

const char fullExample[] = R"({
  "defaultModel": {"modelId": "auto"},
  "models": [
    {
      "modelId": "claude-sonnet-4.6",
      "modelName": "Claude Sonnet 4.6",
      "description": "Balanced model",
      "supportedInputTypes": ["TEXT", "IMAGE"],
      "tokenLimits": {"maxInputTokens": 1000000, "maxOutputTokens": 64000},
      "promptCaching": {"supportsPromptCaching": true, "maximumCacheCheckpointsPerRequest": 4,
                        "minimumTokensPerCacheCheckpoint": 1024},
      "additionalModelRequestFieldsSchema": {
        "type": "object",
        "properties": {"thinking": {"type": "object",
                                    "properties": {"type": {"enum": ["adaptive", "disabled"]}}}}
      },
      "rateMultiplier": 1.3,
      "rateUnit": "Credit"
    },
    {
      "modelId": "auto",
      "modelName": "Auto",
      "description": "Picks a model",
      "supportedInputTypes": ["TEXT"],
      "tokenLimits": {"maxInputTokens": 1000000, "maxOutputTokens": 64000},
      "rateMultiplier": 1.0,
      "rateUnit": "Credit"
    }
  ]
})";

} // namespace

void TestAvailableModels::parsePage_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QString>("defaultId");
    QTest::addColumn<QString>("nextToken");
    // What the first model must look like.
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("description");
    QTest::addColumn<qint64>("maxInput");
    QTest::addColumn<qint64>("maxOutput");
    QTest::addColumn<double>("rate");
    QTest::addColumn<QStringList>("inputTypes");

    QTest::newRow("full §6.6 example") << QByteArray(fullExample)
                                       << QStringList{QStringLiteral("claude-sonnet-4.6"), QStringLiteral("auto")}
                                       << QStringLiteral("auto") << QString() << QStringLiteral("Claude Sonnet 4.6")
                                       << QStringLiteral("Balanced model") << qint64(1000000) << qint64(64000) << 1.3
                                       << QStringList{QStringLiteral("TEXT"), QStringLiteral("IMAGE")};
    QTest::newRow("pagination token") << QByteArray(
                                             R"({"models":[{"modelId":"claude-opus-4.7"}],"nextToken":"page-2=="})")
                                      << QStringList{QStringLiteral("claude-opus-4.7")} << QString()
                                      << QStringLiteral("page-2==") << QString() << QString() << qint64(0) << qint64(0)
                                      << 0.0 << QStringList();
    QTest::newRow("missing optional fields")
        << QByteArray(R"({"models":[{"modelId":"claude-haiku-4.5","tokenLimits":{"maxOutputTokens":64000}}]})")
        << QStringList{QStringLiteral("claude-haiku-4.5")} << QString() << QString() << QString() << QString()
        << qint64(0) << qint64(64000) << 0.0 << QStringList();
    QTest::newRow("null optional fields")
        << QByteArray(R"({"defaultModel":null,"nextToken":null,"models":[{"modelId":"auto","tokenLimits":null,)"
                      R"("supportedInputTypes":null,"rateMultiplier":null}]})")
        << QStringList{QStringLiteral("auto")} << QString() << QString() << QString() << QString() << qint64(0)
        << qint64(0) << 0.0 << QStringList();
    QTest::newRow("numbers as strings")
        << QByteArray(R"({"models":[{"modelId":"auto","tokenLimits":{"maxInputTokens":"200000"},)"
                      R"("rateMultiplier":"0.4"}]})")
        << QStringList{QStringLiteral("auto")} << QString() << QString() << QString() << QString() << qint64(200000)
        << qint64(0) << 0.4 << QStringList();
    QTest::newRow("default model as plain string")
        << QByteArray(R"({"defaultModel":"claude-sonnet-4.5","models":[{"modelId":"claude-sonnet-4.5"}]})")
        << QStringList{QStringLiteral("claude-sonnet-4.5")} << QStringLiteral("claude-sonnet-4.5") << QString()
        << QString() << QString() << qint64(0) << qint64(0) << 0.0 << QStringList();
    QTest::newRow("entries without modelId skipped")
        << QByteArray(R"({"models":[{"modelName":"nameless"},{"modelId":"  "},7,{"modelId":" deepseek-3.2 "}]})")
        << QStringList{QStringLiteral("deepseek-3.2")} << QString() << QString() << QString() << QString() << qint64(0)
        << qint64(0) << 0.0 << QStringList();
    QTest::newRow("empty models array") << QByteArray(R"({"models":[]})") << QStringList() << QString() << QString()
                                        << QString() << QString() << qint64(0) << qint64(0) << 0.0 << QStringList();
}

void TestAvailableModels::parsePage()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, ids);
    QFETCH(QString, defaultId);
    QFETCH(QString, nextToken);
    const auto page = AvailableModels::parsePage(json);
    QVERIFY2(page.ok(), page.ok() ? "" : qPrintable(page.error()));
    QStringList got;
    for (const KiroModelInfo &m : page->models)
        got.append(m.modelId);
    QCOMPARE(got, ids);
    QCOMPARE(page->defaultModelId, defaultId);
    QCOMPARE(page->nextToken, nextToken);
    if (ids.isEmpty())
        return;
    const KiroModelInfo &first = page->models.first();
    QTEST(first.modelName, "name");
    QTEST(first.description, "description");
    QTEST(first.maxInputTokens, "maxInput");
    QTEST(first.maxOutputTokens, "maxOutput");
    QTEST(first.rateMultiplier, "rate");
    QTEST(first.inputTypes, "inputTypes");
}

void TestAvailableModels::parseErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("garbage") << QByteArray("<html>502 Bad Gateway</html>") << QStringLiteral("is not JSON");
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("is not JSON");
    QTest::newRow("truncated") << QByteArray(R"({"models":[{"modelId":"auto")") << QStringLiteral("is not JSON");
    QTest::newRow("top-level array") << QByteArray(R"([{"modelId":"auto"}])") << QStringLiteral("is not a JSON object");
    QTest::newRow("missing models array")
        << QByteArray(R"({"defaultModel":{"modelId":"auto"}})") << QStringLiteral("has no \"models\" array");
    QTest::newRow("models is an object") << QByteArray(R"({"models":{"modelId":"auto"}})")
                                         << QStringLiteral("has no \"models\" array");
}

void TestAvailableModels::parseErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const auto page = AvailableModels::parsePage(json);
    QVERIFY(!page.ok());
    QVERIFY2(page.error().contains(message), qPrintable(page.error()));
    QVERIFY(page.error().startsWith(QLatin1String("ListAvailableModels answer")));
}

QTEST_GUILESS_MAIN(TestAvailableModels)
#include "tst_availablemodels.moc"
