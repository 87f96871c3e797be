// SPDX-License-Identifier: MIT
// Tests MessagesRequest::parse: every block type accepted, every invalid input named by field path.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "anthropic/messagesrequest.h"

class TestMessagesRequest : public QObject
{
    Q_OBJECT

private slots:
    void invalid_data();
    void invalid();
    void valid_data();
    void valid();
    void blocks();
    void hugeTopK();
    void errorShape();
    void outputSchema();
};

void TestMessagesRequest::invalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("message");
    const QByteArray msgs = R"("messages":[{"role":"user","content":"hi"}])";
    QTest::newRow("empty body") << QByteArray() << QStringLiteral("body: empty");
    QTest::newRow("not json") << QByteArray("{oops") << QStringLiteral("body: invalid JSON");
    QTest::newRow("array body") << QByteArray("[]") << QStringLiteral("body: expected a JSON object");
    QTest::newRow("missing model") << QByteArray(R"({"max_tokens":1,)" + msgs + "}")
                                   << QStringLiteral("model: required");
    QTest::newRow("output_config not an object")
        << QByteArray(R"({"model":"m","max_tokens":1,"output_config":7,)" + msgs + "}")
        << QStringLiteral("output_config: must be an object");
    QTest::newRow("output format of another type")
        << QByteArray(R"({"model":"m","max_tokens":1,"output_config":{"format":{"type":"regex"}},)" + msgs + "}")
        << QStringLiteral("output_config.format.type: expected \"json_schema\"");
    QTest::newRow("output format without schema")
        << QByteArray(R"({"model":"m","max_tokens":1,"output_config":{"format":{"type":"json_schema"}},)" + msgs + "}")
        << QStringLiteral("output_config.format.schema: must be a JSON Schema object");
    QTest::newRow("output schema with an array root")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"output_config":{"format":{"type":"json_schema","schema":{"type":"array"}}},)" +
               msgs + "}")
        << QStringLiteral("output_config.format.schema.type: must be \"object\"");
    QTest::newRow("beta output_format with a string root")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"output_format":{"type":"json_schema","schema":{"type":"string"}},)" +
               msgs + "}")
        << QStringLiteral("output_format.schema.type: must be \"object\"");
    QTest::newRow("numeric model") << QByteArray(R"({"model":5,"max_tokens":1,)" + msgs + "}")
                                   << QStringLiteral("model: must be a non-empty string");
    QTest::newRow("missing max_tokens") << QByteArray(R"({"model":"m",)" + msgs + "}")
                                        << QStringLiteral("max_tokens: required");
    QTest::newRow("zero max_tokens") << QByteArray(R"({"model":"m","max_tokens":0,)" + msgs + "}")
                                     << QStringLiteral("max_tokens: must be an integer >= 1");
    QTest::newRow("fractional max_tokens") << QByteArray(R"({"model":"m","max_tokens":1.5,)" + msgs + "}")
                                           << QStringLiteral("max_tokens: must be an integer");
    QTest::newRow("missing messages") << QByteArray(R"({"model":"m","max_tokens":1})")
                                      << QStringLiteral("messages: required");
    QTest::newRow("empty messages") << QByteArray(R"({"model":"m","max_tokens":1,"messages":[]})")
                                    << QStringLiteral("messages: must not be empty");
    QTest::newRow("bad role") << QByteArray(
                                     R"({"model":"m","max_tokens":1,"messages":[{"role":"tool","content":"x"}]})")
                              << QStringLiteral("messages.0.role: expected \"user\", \"assistant\" or \"system\"");
    QTest::newRow("only system messages")
        << QByteArray(R"({"model":"m","max_tokens":1,"messages":[{"role":"system","content":"x"}]})")
        << QStringLiteral("messages: needs at least one user or assistant message");
    QTest::newRow("missing content") << QByteArray(R"({"model":"m","max_tokens":1,"messages":[{"role":"user"}]})")
                                     << QStringLiteral("messages.0.content: required");
    QTest::newRow("numeric content") << QByteArray(
                                            R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":3}]})")
                                     << QStringLiteral("messages.0.content: must be a string or an array");
    QTest::newRow("text without text")
        << QByteArray(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"text"}]}]})")
        << QStringLiteral("messages.0.content.0.text: must be a string");
    QTest::newRow("bad image media type")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"},{"role":"user","content":[{"type":"text","text":"x"},{"type":"image","source":{"type":"base64","media_type":"image/bmp","data":"AAAA"}}]}]})")
        << QStringLiteral(
               "messages.2.content.1.source.media_type: expected one of image/jpeg, image/png, image/gif, image/webp");
    QTest::newRow("image without data")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png"}}]}]})")
        << QStringLiteral("messages.0.content.0.source.data: must be a non-empty base64 string");
    QTest::newRow("image bad source type")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"image","source":{"type":"file"}}]}]})")
        << QStringLiteral("messages.0.content.0.source.type: expected \"base64\" or \"url\"");
    QTest::newRow("tool_use without id")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"assistant","content":[{"type":"tool_use","name":"a","input":{}}]}]})")
        << QStringLiteral("messages.0.content.0.id: required");
    QTest::newRow("tool_use input array")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"a","input":[]}]}]})")
        << QStringLiteral("messages.0.content.0.input: must be an object");
    QTest::newRow("tool_result without id")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"tool_result","content":"x"}]}]})")
        << QStringLiteral("messages.0.content.0.tool_use_id: required");
    QTest::newRow("tool_result is_error string")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","is_error":"yes"}]}]})")
        << QStringLiteral("messages.0.content.0.is_error: must be a boolean");
    QTest::newRow("block without type")
        << QByteArray(R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"text":"x"}]}]})")
        << QStringLiteral("messages.0.content.0.type: required string");
    QTest::newRow("system number") << QByteArray(R"({"model":"m","max_tokens":1,"system":1,)" + msgs + "}")
                                   << QStringLiteral("system: must be a string or an array");
    QTest::newRow("system image block")
        << QByteArray(R"({"model":"m","max_tokens":1,"system":[{"type":"image","source":{"type":"url","url":"u"}}],)" +
                      msgs + "}")
        << QStringLiteral("system.0.type: expected \"text\"");
    QTest::newRow("tools not array") << QByteArray(R"({"model":"m","max_tokens":1,"tools":{},)" + msgs + "}")
                                     << QStringLiteral("tools: must be an array");
    QTest::newRow("tool without name") << QByteArray(R"({"model":"m","max_tokens":1,"tools":[{"input_schema":{}}],)" +
                                                     msgs + "}")
                                       << QStringLiteral("tools.0.name: required");
    QTest::newRow("tool schema string")
        << QByteArray(R"({"model":"m","max_tokens":1,"tools":[{"name":"a","input_schema":"x"}],)" + msgs + "}")
        << QStringLiteral("tools.0.input_schema: must be an object");
    QTest::newRow("tool_choice bad type")
        << QByteArray(R"({"model":"m","max_tokens":1,"tool_choice":{"type":"maybe"},)" + msgs + "}")
        << QStringLiteral("tool_choice.type: expected one of auto, any, tool, none");
    QTest::newRow("tool_choice tool without name")
        << QByteArray(R"({"model":"m","max_tokens":1,"tool_choice":{"type":"tool"},)" + msgs + "}")
        << QStringLiteral("tool_choice.name: required");
    QTest::newRow("thinking bad type") << QByteArray(R"({"model":"m","max_tokens":1,"thinking":{"type":"on"},)" + msgs +
                                                     "}")
                                       << QStringLiteral("thinking.type: expected one of enabled, adaptive, disabled");
    QTest::newRow("thinking without budget")
        << QByteArray(R"({"model":"m","max_tokens":1,"thinking":{"type":"enabled"},)" + msgs + "}")
        << QStringLiteral("thinking.budget_tokens: must be an integer >= 1");
    QTest::newRow("metadata user_id number")
        << QByteArray(R"({"model":"m","max_tokens":1,"metadata":{"user_id":5},)" + msgs + "}")
        << QStringLiteral("metadata.user_id: must be a string");
    QTest::newRow("stream string") << QByteArray(R"({"model":"m","max_tokens":1,"stream":"yes",)" + msgs + "}")
                                   << QStringLiteral("stream: must be a boolean");
    QTest::newRow("stop_sequences numbers")
        << QByteArray(R"({"model":"m","max_tokens":1,"stop_sequences":[1],)" + msgs + "}")
        << QStringLiteral("stop_sequences.0: must be a string");
    QTest::newRow("temperature too high") << QByteArray(R"({"model":"m","max_tokens":1,"temperature":3,)" + msgs + "}")
                                          << QStringLiteral("temperature: must be a number between 0 and 1");
    QTest::newRow("top_k negative") << QByteArray(R"({"model":"m","max_tokens":1,"top_k":-1,)" + msgs + "}")
                                    << QStringLiteral("top_k: must be an integer >= 0");
}

void TestMessagesRequest::invalid()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, message);
    const auto r = MessagesRequest::parse(body);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().status, 400);
    QCOMPARE(r.error().type, QStringLiteral("invalid_request_error"));
    QVERIFY2(r.error().message.startsWith(message), qPrintable(r.error().message));
}

void TestMessagesRequest::valid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("kind");
    const QByteArray msgs = R"("messages":[{"role":"user","content":"hi"}])";
    QTest::newRow("minimal") << QByteArray(R"({"model":"m","max_tokens":1,)" + msgs + "}")
                             << int(MessagesRequest::Kind::Messages);
    QTest::newRow("count_tokens without max_tokens")
        << QByteArray(R"({"model":"m",)" + msgs + "}") << int(MessagesRequest::Kind::CountTokens);
    QTest::newRow("unknown fields ignored")
        << QByteArray(R"({"model":"m","max_tokens":1,"context_management":{"x":1},"service_tier":"auto",)" + msgs + "}")
        << int(MessagesRequest::Kind::Messages);
    QTest::newRow("server tool")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"tools":[{"type":"web_search_20250305","name":"web_search","max_uses":3}],)" +
               msgs + "}")
        << int(MessagesRequest::Kind::Messages);
    QTest::newRow("unknown block type accepted")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":[{"type":"container_upload","file_id":"f"},{"type":"text","text":"x"}]}]})")
        << int(MessagesRequest::Kind::Messages);
    QTest::newRow("adaptive thinking")
        << QByteArray(
               R"({"model":"m","max_tokens":1,"thinking":{"type":"adaptive"},"output_config":{"effort":"high"},)" +
               msgs + "}")
        << int(MessagesRequest::Kind::Messages);
}

void TestMessagesRequest::valid()
{
    QFETCH(QByteArray, body);
    QFETCH(int, kind);
    const auto r = MessagesRequest::parse(body, MessagesRequest::Kind(kind));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
}

void TestMessagesRequest::blocks()
{
    const auto r = MessagesRequest::parse(R"({"model":" claude-x ","max_tokens":9,"stream":true,"system":"S",
        "metadata":{"user_id":"u"},"thinking":{"type":"enabled","budget_tokens":1500},
        "messages":[{"role":"user","content":[{"type":"text","text":"a","cache_control":{"type":"ephemeral"}},
          {"type":"image","source":{"type":"base64","media_type":"image/png","data":"data:image/png;base64,QUJD"}},
          {"type":"document","title":"T","source":{"type":"text","media_type":"text/plain","data":"doc"}}]},
          {"role":"assistant","content":[{"type":"thinking","thinking":"th","signature":"sig"},{"type":"redacted_thinking","data":"R"},
          {"type":"tool_use","id":"t1","name":"n","input":{"k":1}}]},
          {"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","is_error":true,"content":[{"type":"text","text":"r"}]}]}]})");
    QVERIFY(r.ok());
    const MessagesRequest &m = r.value();
    QCOMPARE(m.model, QStringLiteral("claude-x"));
    QVERIFY(m.stream);
    QCOMPARE(m.system.first().text, QStringLiteral("S"));
    QCOMPARE(m.thinking.budgetTokens, 1500);
    QVERIFY(m.messages.at(0).content.at(0).hasCacheControl);
    QCOMPARE(m.messages.at(0).content.at(1).sourceData, QStringLiteral("QUJD")); // data: prefix removed
    QCOMPARE(m.messages.at(0).content.at(2).text, QStringLiteral("doc"));
    QCOMPARE(int(m.messages.at(1).content.at(0).type), int(ContentBlock::Type::Thinking));
    QCOMPARE(m.messages.at(1).content.at(0).signature, QStringLiteral("sig"));
    QCOMPARE(int(m.messages.at(1).content.at(1).type), int(ContentBlock::Type::RedactedThinking));
    QCOMPARE(m.messages.at(1).content.at(2).input.value(QStringLiteral("k")).toInt(), 1);
    QVERIFY(m.messages.at(2).content.at(0).isError);
    QCOMPARE(m.messages.at(2).content.at(0).content.first().text, QStringLiteral("r"));
}

// A UBSan report under fuzz_messages: top_k beyond int was an undefined conversion (INT_MIN on x86); it is capped.
void TestMessagesRequest::hugeTopK()
{
    const auto r = MessagesRequest::parse(
        R"({"model":"m","max_tokens":1e300,"top_k":1e18,"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(!r.ok()); // max_tokens 1e300 is refused (before, the integer check itself was undefined)
    const auto k = MessagesRequest::parse(
        R"({"model":"m","max_tokens":1,"top_k":1e18,"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(k.ok());
    QCOMPARE(k.value().topK.value_or(-1), 2147483647);
}

void TestMessagesRequest::errorShape()
{
    const ApiError e = ApiError::invalidRequest(QStringLiteral("x: y"));
    QCOMPARE(QJsonDocument(e.toJson(QStringLiteral("req_1"))).toJson(QJsonDocument::Compact),
             QByteArray(
                 R"({"error":{"message":"x: y","type":"invalid_request_error"},"request_id":"req_1","type":"error"})"));
    QCOMPARE(ApiError::typeForStatus(429), QStringLiteral("rate_limit_error"));
    QCOMPARE(ApiError::typeForStatus(529), QStringLiteral("overloaded_error"));
    QCOMPARE(ApiError::typeForStatus(413), QStringLiteral("request_too_large"));
}

void TestMessagesRequest::outputSchema()
{
    const QByteArray schema = R"({"type":"object","properties":{"name":{"type":"string"}},"required":["name"]})";
    const auto current = MessagesRequest::parse(
        R"({"model":"m","max_tokens":9,"output_config":{"effort":"low","format":{"type":"json_schema","schema":)" +
        schema + R"(}},"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(current.ok());
    QVERIFY(current->outputSchema.has_value());
    QCOMPARE(current->outputSchema->value(QStringLiteral("required")).toArray().first().toString(),
             QStringLiteral("name"));
    QCOMPARE(current->effort, QStringLiteral("low"));
    const auto beta =
        MessagesRequest::parse(R"({"model":"m","max_tokens":9,"output_format":{"type":"json_schema","schema":)" +
                               schema + R"(},"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(beta.ok());
    QVERIFY(beta->outputSchema.has_value());
    const auto none =
        MessagesRequest::parse(R"({"model":"m","max_tokens":9,"messages":[{"role":"user","content":"hi"}]})");
    QVERIFY(!none->outputSchema.has_value());
}

QTEST_GUILESS_MAIN(TestMessagesRequest)
#include "tst_messagesrequest.moc"
