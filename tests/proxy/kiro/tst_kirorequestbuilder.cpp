// SPDX-License-Identifier: MIT
// Tests KiroRequestBuilder: 36 named conversations, each checked against every Kiro rule of docs/protocol.md §5.5.
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

#include "kiro/kirorequestbuilder.h"

namespace {

QString longName(int n)
{
    QString s = QStringLiteral("mcp__server__");
    while (s.size() < n)
        s += QLatin1Char('x');
    return s.left(n);
}

const char *kPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

QString tools(const QString &name = QStringLiteral("get_weather"))
{
    return QStringLiteral(
               R"("tools":[{"name":"%1","description":"Get weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}])")
        .arg(name);
}

// Walks the JSON and collects every key name.
void keys(const QJsonValue &v, QSet<QString> &out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            out.insert(it.key());
            keys(it.value(), out);
        }
    } else if (v.isArray()) {
        for (const QJsonValue &x : v.toArray())
            keys(x, out);
    }
}

// Every rule Kiro enforces; returns an empty string when the body satisfies all of them.
QString violations(const QJsonObject &body)
{
    QStringList problems;
    const QJsonObject state = body.value(QStringLiteral("conversationState")).toObject();
    if (state.value(QStringLiteral("chatTriggerType")).toString() != QLatin1String("MANUAL"))
        problems << QStringLiteral("chatTriggerType must be MANUAL");
    const QJsonObject current =
        state.value(QStringLiteral("currentMessage")).toObject().value(QStringLiteral("userInputMessage")).toObject();
    if (current.isEmpty())
        problems << QStringLiteral("current message must be a userInputMessage");
    if (current.value(QStringLiteral("modelId")).toString().isEmpty() ||
        current.value(QStringLiteral("origin")).toString() != QLatin1String("AI_EDITOR"))
        problems << QStringLiteral("current message needs modelId and origin");
    const QJsonObject ctx = current.value(QStringLiteral("userInputMessageContext")).toObject();
    if (current.value(QStringLiteral("content")).toString().isEmpty() &&
        ctx.value(QStringLiteral("toolResults")).toArray().isEmpty() &&
        current.value(QStringLiteral("images")).toArray().isEmpty())
        problems << QStringLiteral("empty current content without tool results");

    QSet<QString> definedTools;
    for (const QJsonValue &t : ctx.value(QStringLiteral("tools")).toArray()) {
        const QString name =
            t.toObject().value(QStringLiteral("toolSpecification")).toObject().value(QStringLiteral("name")).toString();
        if (name.size() > 63)
            problems << QStringLiteral("tool name longer than 63: %1").arg(name);
        if (definedTools.contains(name))
            problems << QStringLiteral("duplicate tool name %1").arg(name);
        definedTools.insert(name);
        const QJsonObject schema = t.toObject()
                                       .value(QStringLiteral("toolSpecification"))
                                       .toObject()
                                       .value(QStringLiteral("inputSchema"))
                                       .toObject()
                                       .value(QStringLiteral("json"))
                                       .toObject();
        if (!schema.value(QStringLiteral("type")).isString())
            problems << QStringLiteral("schema of %1 has no type").arg(name);
    }

    const QJsonArray history = state.value(QStringLiteral("history")).toArray();
    if (state.contains(QStringLiteral("history")) && history.isEmpty())
        problems << QStringLiteral("history present but empty");
    bool expectUser = true;
    QSet<QString> pendingUses;
    for (int i = 0; i < history.size(); ++i) {
        const QJsonObject entry = history.at(i).toObject();
        const bool isUser = entry.contains(QStringLiteral("userInputMessage"));
        if (isUser != expectUser)
            problems << QStringLiteral("history %1 breaks alternation").arg(i);
        expectUser = !isUser;
        if (isUser) {
            const QJsonObject u = entry.value(QStringLiteral("userInputMessage")).toObject();
            if (u.value(QStringLiteral("content")).toString().isEmpty())
                problems << QStringLiteral("history %1 has empty user content").arg(i);
            if (u.value(QStringLiteral("modelId")).toString().isEmpty())
                problems << QStringLiteral("history %1 lacks modelId").arg(i);
            QSet<QString> answered;
            for (const QJsonValue &r : u.value(QStringLiteral("userInputMessageContext"))
                                           .toObject()
                                           .value(QStringLiteral("toolResults"))
                                           .toArray()) {
                const QString id = r.toObject().value(QStringLiteral("toolUseId")).toString();
                if (!pendingUses.contains(id))
                    problems << QStringLiteral("history %1 answers unknown tool use %2").arg(i).arg(id);
                answered.insert(id);
            }
            if (answered != pendingUses)
                problems << QStringLiteral("history %1 leaves tool uses unanswered").arg(i);
            pendingUses.clear();
        } else {
            if (!pendingUses.isEmpty())
                problems << QStringLiteral("tool uses before history %1 were never answered").arg(i);
            const QJsonObject a = entry.value(QStringLiteral("assistantResponseMessage")).toObject();
            if (a.value(QStringLiteral("content")).toString().isEmpty())
                problems << QStringLiteral("history %1 has empty assistant content").arg(i);
            for (const QJsonValue &u : a.value(QStringLiteral("toolUses")).toArray()) {
                const QString name = u.toObject().value(QStringLiteral("name")).toString();
                pendingUses.insert(u.toObject().value(QStringLiteral("toolUseId")).toString());
                if (!definedTools.contains(name))
                    problems << QStringLiteral("history tool %1 is not defined").arg(name);
            }
            if (a.contains(QStringLiteral("toolUses")) && a.value(QStringLiteral("toolUses")).toArray().isEmpty())
                problems << QStringLiteral("history %1 has an empty toolUses array").arg(i);
        }
    }
    if (!history.isEmpty() && expectUser == true && false)
        problems << QString();
    if (!history.isEmpty() && history.last().toObject().contains(QStringLiteral("userInputMessage")))
        problems << QStringLiteral("history must end with an assistant message");
    QSet<QString> answeredNow;
    for (const QJsonValue &r : ctx.value(QStringLiteral("toolResults")).toArray()) {
        const QString id = r.toObject().value(QStringLiteral("toolUseId")).toString();
        if (!pendingUses.contains(id))
            problems << QStringLiteral("current message answers unknown tool use %1").arg(id);
        answeredNow.insert(id);
    }
    if (answeredNow != pendingUses)
        problems << QStringLiteral("the last assistant tool uses are not all answered");

    QSet<QString> allKeys;
    keys(body, allKeys);
    for (const char *forbidden : {"cache_control", "thinking", "output_config", "context_management", "defer_loading",
                                  "signature", "citations", "is_error", "tool_use_id", "input_schema", "media_type",
                                  "type_", "stream", "max_tokens", "metadata", "tool_choice", "system"}) {
        if (allKeys.contains(QLatin1String(forbidden)))
            problems << QStringLiteral("forbidden key %1").arg(QLatin1String(forbidden));
    }
    return problems.join(QStringLiteral("; "));
}

} // namespace

class TestKiroRequestBuilder : public QObject
{
    Q_OBJECT

private slots:
    void conversations_data();
    void conversations();
    void exactSmallBody();
    void shortNames_data();
    void shortNames();
    void sessionIds_data();
    void sessionIds();
    void schemaNormalisation();
    void structuredOutputTool();
};

void TestKiroRequestBuilder::conversations_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expectInBody"); // substring of the compact Kiro JSON that must appear
    QTest::addColumn<QString>("expectRepair"); // substring of a repair note that must appear (or empty)

    const QString png = QString::fromLatin1(kPng);
    auto add = [](const char *name, const QString &body, const QString &inBody, const QString &repair = QString()) {
        QTest::newRow(name) << (QStringLiteral(R"({"model":"claude-sonnet-4-6","max_tokens":100,)") + body +
                                QLatin1Char('}'))
                            << inBody << repair;
    };
    add("plain text", QStringLiteral(R"("messages":[{"role":"user","content":"Hello"}])"),
        QStringLiteral(R"("content":"Hello")"));
    add("system string", QStringLiteral(R"("system":"Be terse.","messages":[{"role":"user","content":"Hi"}])"),
        QStringLiteral("I will follow these instructions."));
    add("system blocks with cache_control",
        QStringLiteral(
            R"("system":[{"type":"text","text":"A","cache_control":{"type":"ephemeral"}},{"type":"text","text":"B"}],"messages":[{"role":"user","content":"Hi"}])"),
        QStringLiteral("A\\nB"));
    add("consecutive users",
        QStringLiteral(R"("messages":[{"role":"user","content":"one"},{"role":"user","content":"two"}])"),
        QStringLiteral("one\\ntwo"), QStringLiteral("merged 2 consecutive user"));
    add("consecutive assistants",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a1"},{"role":"assistant","content":"a2"},{"role":"user","content":"q2"}])"),
        QStringLiteral("a1\\n\\na2"), QStringLiteral("merged 2 consecutive assistant"));
    add("starts with assistant",
        QStringLiteral(R"("messages":[{"role":"assistant","content":"Hi there"},{"role":"user","content":"q"}])"),
        QStringLiteral("(empty)"), QStringLiteral("started with an assistant"));
    add("prefill",
        QStringLiteral(R"("messages":[{"role":"user","content":"Write JSON"},{"role":"assistant","content":"{"}])"),
        QStringLiteral(R"("content":"Continue")"), QStringLiteral("prefill"));
    add("orphan tool result",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_x","content":"r"},{"type":"text","text":"hi"}]}])"),
        QStringLiteral(R"("content":"hi")"), QStringLiteral("orphan tool_result toolu_x"));
    add("unanswered tool use",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}]},{"role":"user","content":"never mind"}],)") +
            tools(),
        QStringLiteral("never mind"), QStringLiteral("removed unanswered tool_use toolu_1"));
    add("answered tool use",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Oslo"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}],)") +
            tools(),
        QStringLiteral(R"("toolUseId":"toolu_1")"));
    add("duplicate tool result",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"a"},{"type":"tool_result","tool_use_id":"toolu_1","content":"b"}]}],)") +
            tools(),
        QStringLiteral(R"("text":"a")"), QStringLiteral("duplicate tool_result"));
    add("parallel results split over two user turns",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_weather","input":{}},{"type":"tool_use","id":"t2","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"one"}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"two"}]}],)") +
            tools(),
        QStringLiteral(R"("toolUseId":"t2")"), QStringLiteral("merged 2 consecutive user"));
    add("tools only in history",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"old_tool","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}])"),
        QStringLiteral("Tool used in conversation history"),
        QStringLiteral("placeholder definition for history-only tool old_tool"));
    add("tool name of 63 chars kept",
        QStringLiteral(R"("messages":[{"role":"user","content":"q"}],)") + tools(longName(63)), longName(63));
    add("tool name of 64 chars shortened",
        QStringLiteral(R"("messages":[{"role":"user","content":"q"}],)") + tools(longName(64)),
        longName(54) + QLatin1Char('_'), QStringLiteral("shortened tool name"));
    add("tool name of 100 chars in history and current",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":")") +
            longName(100) +
            QStringLiteral(
                R"(","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}],)") +
            tools(longName(100)),
        longName(54) + QLatin1Char('_'), QStringLiteral("shortened tool name"));
    add("png image current",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"%1"}},{"type":"text","text":"what?"}]}])")
            .arg(png),
        QStringLiteral(R"("format":"png")"));
    add("jpeg image in history",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"%1"}},{"type":"text","text":"a"}]},{"role":"assistant","content":"b"},{"role":"user","content":"c"}])")
            .arg(png),
        QStringLiteral(R"("format":"jpeg")"));
    add("gif and webp",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/gif","data":"%1"}},{"type":"image","source":{"type":"base64","media_type":"image/webp","data":"%1"}},{"type":"text","text":"two"}]}])")
            .arg(png),
        QStringLiteral(R"("format":"webp")"));
    add("image inside tool result",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"shot"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"%1"}}]}]}],)")
                .arg(png) +
            tools(),
        QStringLiteral(R"("images":[{"format":"png")"));
    add("url image noted",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"}},{"type":"text","text":"see"}]}])"),
        QStringLiteral("URL images are not supported"), QStringLiteral("URL image"));
    add("text document",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"document","title":"notes","source":{"type":"text","media_type":"text/plain","data":"doc body"}},{"type":"text","text":"summarise"}]}])"),
        QStringLiteral("doc body"));
    add("pdf document noted",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},{"type":"text","text":"read"}]}])"),
        QStringLiteral("application/pdf documents are not supported"));
    add("empty text blocks",
        QStringLiteral(
            R"("messages":[{"role":"user","content":[{"type":"text","text":""}]},{"role":"assistant","content":""},{"role":"user","content":"x"}])"),
        QStringLiteral("(empty)"));
    add("empty tool result",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":""}]}],)") +
            tools(),
        QStringLiteral("(empty result)"));
    add("error tool result",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"tool_use","id":"t1","name":"get_weather","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"boom","is_error":true}]}],)") +
            tools(),
        QStringLiteral(R"("isError":true)"));
    add("thinking enabled",
        QStringLiteral(
            R"("thinking":{"type":"enabled","budget_tokens":50000},"messages":[{"role":"user","content":"think"}])"),
        QStringLiteral("<max_thinking_length>24576</max_thinking_length>"));
    add("thinking adaptive",
        QStringLiteral(
            R"("thinking":{"type":"adaptive"},"output_config":{"effort":"medium"},"messages":[{"role":"user","content":"think"}])"),
        QStringLiteral("<thinking_effort>medium</thinking_effort>"));
    add("thinking with tags already in system",
        QStringLiteral(
            R"("system":"<thinking_mode>enabled</thinking_mode>","thinking":{"type":"enabled","budget_tokens":2000},"messages":[{"role":"user","content":"x"}])"),
        QStringLiteral("<thinking_mode>enabled</thinking_mode>"));
    add("thinking history blocks",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"thinking","thinking":"plan","signature":"s"},{"type":"text","text":"answer"}]},{"role":"user","content":"more"}])"),
        QStringLiteral("<thinking>plan</thinking>\\n\\nanswer"));
    add("redacted thinking dropped",
        QStringLiteral(
            R"("messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"redacted_thinking","data":"xyz"},{"type":"text","text":"ok"}]},{"role":"user","content":"more"}])"),
        QStringLiteral(R"("content":"ok")"));
    add("server tools dropped",
        QStringLiteral(
            R"("tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5},{"name":"get_weather","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"q"},{"role":"assistant","content":[{"type":"server_tool_use","id":"srv1","name":"web_search","input":{"query":"x"}},{"type":"web_search_tool_result","tool_use_id":"srv1","content":[]},{"type":"text","text":"found"}]},{"role":"user","content":"thanks"}])"),
        QStringLiteral("server tool web_search called"), QStringLiteral("dropped server tool web_search"));
    add("tool_choice any",
        QStringLiteral(R"("tool_choice":{"type":"any"},"messages":[{"role":"user","content":"q"}],)") + tools(),
        QStringLiteral("calling one of the available tools"));
    add("tool_choice tool",
        QStringLiteral(
            R"("tool_choice":{"type":"tool","name":"get_weather"},"messages":[{"role":"user","content":"q"}],)") +
            tools(),
        QStringLiteral("calling the tool get_weather"));
    add("tool_choice none",
        QStringLiteral(R"("tool_choice":{"type":"none"},"messages":[{"role":"user","content":"q"}],)") + tools(),
        QStringLiteral(R"("userInputMessageContext":{})"), QStringLiteral("tool_choice none"));
    add("required null schema",
        QStringLiteral(
            R"("tools":[{"name":"t","input_schema":{"type":"object","properties":null,"required":null}}],"messages":[{"role":"user","content":"q"}])"),
        QStringLiteral(R"("additionalProperties":true)"));
    add("non-object schema type",
        QStringLiteral(
            R"("tools":[{"name":"t","input_schema":{"properties":{"a":{"type":"string","required":null}}}}],"messages":[{"role":"user","content":"q"}])"),
        QStringLiteral(R"("type":"object")"));
    add("long description moved to system",
        QStringLiteral(
            R"("tools":[{"name":"big","description":"%1","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"q"}])")
            .arg(QString(12000, QLatin1Char('d'))),
        QStringLiteral("## Tool: big"), QStringLiteral("moved the long description of big"));
    add("write and edit suffixes",
        QStringLiteral(
            R"("tools":[{"name":"Write","description":"Writes","input_schema":{"type":"object"}},{"name":"Edit","description":"Edits","input_schema":{"type":"object"}}],"messages":[{"role":"user","content":"q"}])"),
        QStringLiteral("at most about 50 lines"));
    add("system role messages (Claude Code 2.1)",
        QStringLiteral(
            R"("system":"base","messages":[{"role":"user","content":"Say hello"},{"role":"system","content":[{"type":"text","text":"# Environment notes"}]}])"),
        QStringLiteral("base\\n# Environment notes"), QStringLiteral("moved 1 system message"));
    add("long claude code like session",
        QStringLiteral(
            R"("system":[{"type":"text","text":"You are Claude Code."}],"metadata":{"user_id":"user_abc_account__session_0b4c2e6a-1f2d-4c3b-9a8e-7d6c5b4a3f21"},"messages":[{"role":"user","content":[{"type":"text","text":"fix the bug","cache_control":{"type":"ephemeral"}}]},{"role":"assistant","content":[{"type":"text","text":"Reading."},{"type":"tool_use","id":"t1","name":"Read","input":{"file_path":"a.cpp"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":[{"type":"text","text":"int main(){}"}]}]},{"role":"assistant","content":[{"type":"tool_use","id":"t2","name":"Edit","input":{"file_path":"a.cpp"}},{"type":"tool_use","id":"t3","name":"Bash","input":{"command":"make"}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t2","content":"ok"},{"type":"tool_result","tool_use_id":"t3","content":"built","is_error":false}]},{"role":"user","content":"now test it"}],"tools":[{"name":"Read","description":"r","input_schema":{"type":"object"}},{"name":"Edit","description":"e","input_schema":{"type":"object"}},{"name":"Bash","description":"b","input_schema":{"type":"object"}}])"),
        QStringLiteral(R"("conversationId":"0b4c2e6a-1f2d-4c3b-9a8e-7d6c5b4a3f21")"));
}

void TestKiroRequestBuilder::conversations()
{
    QFETCH(QString, json);
    QFETCH(QString, expectInBody);
    QFETCH(QString, expectRepair);
    const auto parsed = MessagesRequest::parse(json.toUtf8());
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    KiroBuildOptions options;
    options.kiroModelId = QStringLiteral("claude-sonnet-4.6");
    const auto built = KiroRequestBuilder::build(parsed.value(), options);
    QVERIFY(built.ok());
    const QString problems = violations(built->body.toQJsonObject());
    const QString compact = QString::fromUtf8(Json::write(built->body));
    QVERIFY2(problems.isEmpty(), qPrintable(problems + QStringLiteral("\n") + compact.left(3000)));
    QVERIFY2(compact.contains(expectInBody),
             qPrintable(QStringLiteral("missing %1 in %2").arg(expectInBody, compact.left(3000))));
    if (!expectRepair.isEmpty()) {
        bool found = false;
        for (const QString &r : built->repairs)
            found = found || r.contains(expectRepair);
        QVERIFY2(found, qPrintable(built->repairs.join(QStringLiteral(" | "))));
    }
    // Original tool names can always be restored.
    for (auto it = built->toolNameMap.cbegin(); it != built->toolNameMap.cend(); ++it)
        QVERIFY(it.key().size() <= 63 && it.value().size() > 63);
}

void TestKiroRequestBuilder::exactSmallBody()
{
    const auto parsed =
        MessagesRequest::parse(R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]})");
    KiroBuildOptions o;
    o.kiroModelId = QStringLiteral("claude-sonnet-4.5");
    o.conversationId = QStringLiteral("conv");
    o.agentContinuationId = QStringLiteral("cont");
    o.profileArn = QStringLiteral("arn:x");
    const auto built = KiroRequestBuilder::build(parsed.value(), o);
    const QByteArray expected =
        R"({"conversationState":{"agentContinuationId":"cont","agentTaskType":"vibe","chatTriggerType":"MANUAL","conversationId":"conv",)"
        R"("currentMessage":{"userInputMessage":{"content":"Hi","modelId":"claude-sonnet-4.5","origin":"AI_EDITOR","userInputMessageContext":{}}}},"profileArn":"arn:x"})";
    QCOMPARE(Json::write(built->body), expected); // the bytes sent to Kiro
}

void TestKiroRequestBuilder::shortNames_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("expected");
    QTest::newRow("short") << 10 << 10;
    QTest::newRow("63") << 63 << 63;
    QTest::newRow("64") << 64 << 63;
    QTest::newRow("200") << 200 << 63;
}

void TestKiroRequestBuilder::shortNames()
{
    QFETCH(int, length);
    QFETCH(int, expected);
    const QString s = KiroRequestBuilder::shortToolName(longName(length));
    QCOMPARE(s.size(), expected);
    QCOMPARE(KiroRequestBuilder::shortToolName(longName(length)), s); // deterministic
}

void TestKiroRequestBuilder::sessionIds_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("session");
    QTest::newRow("claude code string") << QStringLiteral(
                                               "user_x_account__session_0B4C2E6A-1F2D-4C3B-9A8E-7D6C5B4A3F21")
                                        << QStringLiteral("0b4c2e6a-1f2d-4c3b-9a8e-7d6c5b4a3f21");
    QTest::newRow("json form") << QStringLiteral(R"({"session_id":"11111111-2222-3333-4444-555555555555"})")
                               << QStringLiteral("11111111-2222-3333-4444-555555555555");
    QTest::newRow("no session") << QStringLiteral("user_abc") << QString();
    QTest::newRow("malformed uuid") << QStringLiteral("session_1234") << QString();
}

void TestKiroRequestBuilder::sessionIds()
{
    QFETCH(QString, userId);
    QFETCH(QString, session);
    QCOMPARE(KiroRequestBuilder::sessionIdFromUserId(userId), session);
}

void TestKiroRequestBuilder::schemaNormalisation()
{
    const QJsonObject schema{{QStringLiteral("$schema"), QStringLiteral("x")},
                             {QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), QJsonObject()},
                             {QStringLiteral("required"), QJsonArray()},
                             {QStringLiteral("additionalProperties"), false}};
    const QJsonObject norm = KiroRequestBuilder::normalizeSchema(JsonObject::fromQJsonObject(schema)).toQJsonObject();
    QCOMPARE(norm.value(QStringLiteral("additionalProperties")).toBool(true), false);
    QVERIFY(norm.value(QStringLiteral("required")).isArray());
}

void TestKiroRequestBuilder::structuredOutputTool()
{
    const QString format = QStringLiteral(
        R"("output_config":{"format":{"type":"json_schema","schema":{"type":"object","properties":{"n":{"type":"integer"}},"required":["n"]}}})");
    struct Row
    {
        const char *extra;
        const char *expectName;
        int expectTools;
    };
    const Row rows[] = {
        {"", "structured_output", 1},
        {R"("tools":[{"name":"structured_output","input_schema":{"type":"object"}}],)", "structured_output_2", 2},
        {R"("tools":[{"name":"get","input_schema":{"type":"object"}}],"tool_choice":{"type":"none"},)",
         "structured_output", 1},
    };
    for (const Row &row : rows) {
        const QString json = QStringLiteral(R"({"model":"m","max_tokens":50,)") + QString::fromUtf8(row.extra) +
                             format + QStringLiteral(R"(,"messages":[{"role":"user","content":"Count"}]})");
        const auto parsed = MessagesRequest::parse(json.toUtf8());
        QVERIFY2(parsed.ok(), qPrintable(json));
        KiroBuildOptions o;
        o.kiroModelId = QStringLiteral("claude-sonnet-4.6");
        const auto built = KiroRequestBuilder::build(parsed.value(), o);
        QVERIFY(built.ok());
        QCOMPARE(built->structuredOutputTool, QString::fromUtf8(row.expectName));
        const QJsonObject user = built->body.toQJsonObject()
                                     .value(QStringLiteral("conversationState"))
                                     .toObject()
                                     .value(QStringLiteral("currentMessage"))
                                     .toObject()
                                     .value(QStringLiteral("userInputMessage"))
                                     .toObject();
        const QJsonArray tools =
            user.value(QStringLiteral("userInputMessageContext")).toObject().value(QStringLiteral("tools")).toArray();
        QCOMPARE(tools.size(), row.expectTools);
        const QJsonObject spec = tools.last().toObject().value(QStringLiteral("toolSpecification")).toObject();
        QCOMPARE(spec.value(QStringLiteral("name")).toString(), QString::fromUtf8(row.expectName));
        QCOMPARE(spec.value(QStringLiteral("inputSchema"))
                     .toObject()
                     .value(QStringLiteral("json"))
                     .toObject()
                     .value(QStringLiteral("required"))
                     .toArray()
                     .first()
                     .toString(),
                 QStringLiteral("n"));
        QVERIFY(user.value(QStringLiteral("content")).toString().contains(QString::fromUtf8(row.expectName)));
        QVERIFY(violations(built->body.toQJsonObject()).isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestKiroRequestBuilder)
#include "tst_kirorequestbuilder.moc"
