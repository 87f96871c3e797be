// SPDX-License-Identifier: MIT
// Tests Json against QJsonDocument, which it replaces on the request path: the same values from the same text, the
// same bytes out, the same texts accepted and refused — on hand-picked cases and on thousands of generated ones.
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include "common/json.h"

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    void writesLikeQt_data();
    void writesLikeQt();
    void parsesLikeQt_data();
    void parsesLikeQt();
    void generatedDocuments();
    void mutatedDocuments();
    void objectsKeepKeyOrderAndLastDuplicate();
    void copyOnWrite();
    void accessors();
    void deepNesting();
    void leadingByteOrderMarkKept();
    void writtenBufferHoldsOnlyItsBytes();
};

namespace {

QByteArray qtCompact(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

QString randomString(QRandomGenerator &rng, int maxLength)
{
    static const char16_t pool[] = {u'a',   u'Z',   u'0',   u' ',   u'"',   u'\\',  u'/',   u'\n',
                                    u'\r',  u'\t',  u'\b',  u'\f',  0x01,   0x1F,   0x7F,   0xE9,
                                    0x4E2D, 0x2028, 0xFFFD, 0xFEFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF};
    QString s;
    const int n = int(rng.bounded(maxLength + 1));
    for (int i = 0; i < n; ++i) {
        const quint32 pick = rng.bounded(100);
        if (pick < 60) {
            s.append(QChar(char16_t(0x20 + rng.bounded(0x5F))));
        } else if (pick < 75) {
            s.append(QChar(pool[rng.bounded(int(sizeof pool / sizeof pool[0]))]));
        } else if (pick < 85) {
            const char32_t cp = 0x10000 + rng.bounded(0xFFFFF);
            s.append(QString::fromUcs4(&cp, 1)); // a valid surrogate pair
        } else {
            s.append(QChar(char16_t(rng.bounded(0x10000))));
        }
    }
    // QJsonDocument drops a string's leading U+FEFF; Json keeps it (leadingByteOrderMarkKept): not compared here.
    if (s.startsWith(QChar(0xFEFF)))
        s.prepend(QLatin1Char('x'));
    return s;
}

/// Keys without surrogates or U+E000…U+FFFF: Qt orders keys with those two ways (QJsonObject::insert by UTF-16 code
/// unit, QJsonDocument::fromJson by code point); Json always uses the first.
QString randomKey(QRandomGenerator &rng)
{
    QString s = randomString(rng, 6);
    for (QChar &c : s) {
        if (c.unicode() >= 0xD800)
            c = QChar(char16_t(0x100 + (c.unicode() & 0xFF)));
    }
    return s;
}

double randomNumber(QRandomGenerator &rng)
{
    switch (rng.bounded(7)) {
    case 0:
        return double(qint64(rng.generate()) - 0x7FFFFFFF);
    case 1:
        return rng.generateDouble() * 1000;
    case 2:
        return -rng.generateDouble() * 1e-5;
    case 3:
        return std::ldexp(rng.generateDouble(), int(rng.bounded(2000)) - 1000);
    case 4:
        return double(rng.generate64() >> rng.bounded(64));
    case 5:
        return -0.0;
    default:
        return double(rng.bounded(100));
    }
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    const quint32 kind = rng.bounded(depth > 4 ? 5 : 7);
    switch (kind) {
    case 0:
        return QJsonValue(QJsonValue::Null);
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return randomNumber(rng);
    case 3:
    case 4:
        return randomString(rng, 40);
    case 5: {
        QJsonArray a;
        const int n = int(rng.bounded(6));
        for (int i = 0; i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        const int n = int(rng.bounded(7));
        for (int i = 0; i < n; ++i)
            o.insert(rng.bounded(3) == 0 ? randomKey(rng) : QStringLiteral("k%1").arg(rng.bounded(10)),
                     randomValue(rng, depth + 1));
        return o;
    }
    }
}

/// Where two byte strings first differ, with some context, for failure messages.
QByteArray firstDifference(const QByteArray &a, const QByteArray &b)
{
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a.at(i) == b.at(i))
        ++i;
    return "at " + QByteArray::number(i) + ": ours …" +
           a.mid(std::max<qsizetype>(0, i - 20), 60).toPercentEncoding(" {}[],:\"") + "… Qt …" +
           b.mid(std::max<qsizetype>(0, i - 20), 60).toPercentEncoding(" {}[],:\"") + "…";
}

} // namespace

void TestJson::writesLikeQt_data()
{
    QTest::addColumn<QJsonValue>("value");
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(QChar(c));
    QTest::newRow("controls") << QJsonValue(QJsonArray{controls});
    QTest::newRow("quotes and backslashes") << QJsonValue(QJsonArray{QStringLiteral("a\"b\\c/d")});
    QTest::newRow("lone surrogates") << QJsonValue(QJsonArray{QString(QChar(0xD800)),
                                                              QString(QString(QChar(0xDC00)) + QLatin1Char('x')),
                                                              QString(QStringLiteral("a") + QChar(0xDBFF))});
    QTest::newRow("non-ASCII") << QJsonValue(QJsonArray{QStringLiteral("héllo 中文 \U0001F600 \u2028 \u007F")});
    QTest::newRow("numbers") << QJsonValue(
        QJsonArray{0.0, -0.0, 1.0, -1.0, 0.1, 1e300, 1e-7, 1e21, 1e20, 123456789012.0, 12345678901234567.0,
                   9223372036854775807.0, -9223372036854775808.0, 3.5, 2.0 / 3.0, 2147483647.0, 4294967296.0});
    QTest::newRow("nested") << QJsonValue(QJsonObject{
        {QStringLiteral("b"), QJsonArray{1, QJsonObject{{QStringLiteral("z"), 1}, {QStringLiteral("a"), 2}}}},
        {QStringLiteral("a"), QJsonValue(QJsonValue::Null)},
        {QStringLiteral("é"), true},
        {QStringLiteral("E"), false},
        {QString(), QJsonObject()},
        {QStringLiteral("arr"), QJsonArray()}});
}

void TestJson::writesLikeQt()
{
    QFETCH(QJsonValue, value);
    const JsonValue ours = JsonValue::fromQJsonValue(value);
    QCOMPARE(Json::write(ours), qtCompact(value));
    QCOMPARE(ours.toQJsonValue(), value);
}

void TestJson::parsesLikeQt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::newRow("object") << QByteArray(R"( {"b":1, "a" : [true,false,null,"x"]} )") << true;
    QTest::newRow("escapes") << QByteArray(R"(["\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00\ud800"])") << true;
    QTest::newRow("unknown escape (Qt accepts)") << QByteArray(R"(["\x"])") << true;
    QTest::newRow("raw control character (Qt accepts)") << QByteArray("[\"a\x01\"]") << true;
    QTest::newRow("1. (Qt accepts)") << QByteArray("[1.]") << true;
    QTest::newRow("exponents") << QByteArray("[1e5,-2E-3,0.5e+2,-0]") << true;
    QTest::newRow("UTF-8") << QByteArray("[\"h\xC3\xA9 \xE4\xB8\xAD \xF0\x9F\x98\x80\"]") << true;
    QTest::newRow("long ASCII") << QByteArray("[\"" + QByteArray(1000, 'x') + "\"]") << true;
    QTest::newRow("duplicate keys") << QByteArray(R"({"a":1,"b":2,"a":3})") << true;
    QTest::newRow("empty") << QByteArray("") << false;
    QTest::newRow("scalar at the top") << QByteArray("1") << false;
    QTest::newRow("invalid UTF-8") << QByteArray("[\"\xFF\"]") << false;
    QTest::newRow("overlong UTF-8") << QByteArray("[\"\xC0\xAF\"]") << false;
    QTest::newRow("UTF-8 surrogate") << QByteArray("[\"\xED\xA0\x80\"]") << false;
    QTest::newRow("truncated UTF-8") << QByteArray("[\"\xE4\xB8\"]") << false;
    QTest::newRow("invalid UTF-8 in a key") << QByteArray("{\"\xFF\":1}") << false;
    QTest::newRow("number overflow") << QByteArray("[1.5e400]") << false;
    QTest::newRow("leading zero") << QByteArray("[01]") << false;
    QTest::newRow("lone minus") << QByteArray("[-]") << false;
    QTest::newRow("garbage after") << QByteArray("[1] x") << false;
    QTest::newRow("bad literal") << QByteArray(R"({"a":tru})") << false;
    QTest::newRow("trailing comma") << QByteArray("[1,]") << false;
    QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << false;
    QTest::newRow("unterminated string") << QByteArray(R"(["abc)") << false;
    QTest::newRow("unterminated array") << QByteArray("[1,2") << false;
    QTest::newRow("unterminated object") << QByteArray(R"({"a":1)") << false;
    QTest::newRow("short \\u") << QByteArray(R"(["\u12"])") << false;
    QTest::newRow("bad \\u") << QByteArray(R"(["\u12g4"])") << false;
    QTest::newRow("single quotes") << QByteArray("['a']") << false;
    QTest::newRow("bare key") << QByteArray("{a:1}") << false;
}

void TestJson::parsesLikeQt()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(text, &qtError);
    QJsonParseError error;
    const JsonValue ours = Json::parse(text, &error);
    QCOMPARE(qtError.error == QJsonParseError::NoError, valid);
    QCOMPARE(error.error == QJsonParseError::NoError, valid);
    if (!valid) {
        QVERIFY(ours.isUndefined());
        QVERIFY(!error.errorString().isEmpty());
        QVERIFY(error.offset >= 0 && error.offset <= text.size());
        return;
    }
    const QJsonValue qtValue = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
    QCOMPARE(ours.toQJsonValue(), qtValue);
    QCOMPARE(Json::write(ours), qtCompact(qtValue));
}

// Thousands of random documents: Qt writes them, both parse them, both write them again.
void TestJson::generatedDocuments()
{
    QRandomGenerator rng(12);
    for (int i = 0; i < 3000; ++i) {
        const QJsonValue v = rng.bounded(2) ? QJsonValue(randomValue(rng, 0).toArray())
                                            : QJsonValue(QJsonObject{{QStringLiteral("v"), randomValue(rng, 0)}});
        const QJsonValue top = v.isArray() ? v : v;
        const QByteArray text = qtCompact(top.isArray() || top.isObject() ? top : QJsonValue(QJsonArray{top}));
        QJsonParseError error;
        const JsonValue ours = Json::parse(text, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, text.constData());
        const QJsonDocument qt = QJsonDocument::fromJson(text);
        const QJsonValue qtValue = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
        const QByteArray written = Json::write(ours);
        QVERIFY2(written == text, firstDifference(written, text).constData());
        QCOMPARE(ours.toQJsonValue(), qtValue);
        // Indented text too (spaces and newlines between tokens).
        const QByteArray indented =
            qt.isArray() ? QJsonDocument(qt.array()).toJson() : QJsonDocument(qt.object()).toJson();
        QCOMPARE(Json::write(Json::parse(indented)), text);
    }
}

// Random byte damage to valid documents: both parsers accept and refuse the same texts, and agree on what they accept.
void TestJson::mutatedDocuments()
{
    QRandomGenerator rng(34);
    static const char pieces[] = "{}[],:\"\\ 0123456789.eE+-tfnul\x01\x80\xC3\xA9\xFF";
    int refused = 0;
    for (int i = 0; i < 6000; ++i) {
        QByteArray text = qtCompact(QJsonValue(QJsonArray{randomValue(rng, 2), randomValue(rng, 2)}));
        const int edits = 1 + int(rng.bounded(3));
        for (int e = 0; e < edits && !text.isEmpty(); ++e) {
            const int at = int(rng.bounded(text.size()));
            switch (rng.bounded(3)) {
            case 0:
                text[at] = pieces[rng.bounded(int(sizeof pieces - 1))];
                break;
            case 1:
                text.remove(at, 1 + int(rng.bounded(3)));
                break;
            default:
                text.insert(at, pieces[rng.bounded(int(sizeof pieces - 1))]);
                break;
            }
        }
        QJsonParseError qtError;
        const QJsonDocument qt = QJsonDocument::fromJson(text, &qtError);
        QJsonParseError error;
        const JsonValue ours = Json::parse(text, &error);
        const bool qtOk = qtError.error == QJsonParseError::NoError;
        const bool ok = error.error == QJsonParseError::NoError;
        QVERIFY2(
            qtOk == ok,
            QByteArray(text.toPercentEncoding(" {}[],:\"") + " qt: " + qtError.errorString().toUtf8()).constData());
        if (!ok) {
            ++refused;
            continue;
        }
        const QJsonValue qtValue = qt.isArray() ? QJsonValue(qt.array()) : QJsonValue(qt.object());
        const QByteArray written = Json::write(ours);
        QVERIFY2(written == qtCompact(qtValue), firstDifference(written, qtCompact(qtValue)).constData());
        QCOMPARE(ours.toQJsonValue(), qtValue);
    }
    QVERIFY(refused > 1000); // the damage really produced invalid documents
}

void TestJson::objectsKeepKeyOrderAndLastDuplicate()
{
    const JsonValue v = Json::parse(R"({"b":1,"a":2,"c":{"z":1,"y":2},"a":3})");
    QCOMPARE(v.toObject().keys(), (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    QCOMPARE(v[QLatin1String("a")].toInt(), 3);
    QCOMPARE(Json::write(v), QByteArray(R"({"a":3,"b":1,"c":{"y":2,"z":1}})"));
    JsonObject o{{QStringLiteral("z"), 1}, {QStringLiteral("m"), 2}};
    o.insert(QStringLiteral("a"), QStringLiteral("x"));
    o.insert(QStringLiteral("m"), 5);
    QCOMPARE(Json::write(o), QByteArray(R"({"a":"x","m":5,"z":1})"));
    o.remove(u"m");
    QCOMPARE(o.take(u"z").toInt(), 1);
    QCOMPARE(Json::write(o), QByteArray(R"({"a":"x"})"));
}

void TestJson::copyOnWrite()
{
    JsonObject a{{QStringLiteral("k"), 1}};
    JsonObject b = a;
    b.insert(QStringLiteral("k"), 2);
    QCOMPARE(a.value(u"k").toInt(), 1);
    QCOMPARE(b.value(u"k").toInt(), 2);
    JsonArray x{1, 2};
    const JsonValue held(x);
    x.append(3);
    QCOMPARE(held.toArray().size(), 2);
    QCOMPARE(x.size(), 3);
}

void TestJson::accessors()
{
    const JsonValue v = Json::parse(R"({"s":"str","n":2.5,"i":7,"t":true,"a":[1,"2"],"o":{"x":null}})");
    QCOMPARE(v[QLatin1String("s")].toString(), QStringLiteral("str"));
    QCOMPARE(v[QLatin1String("n")].toDouble(), 2.5);
    QCOMPARE(v[QLatin1String("n")].toInt(-1), -1); // not an integer
    QCOMPARE(v[QLatin1String("i")].toInt(), 7);
    QCOMPARE(v[QLatin1String("i")].toInteger(), qint64(7));
    QVERIFY(v[QLatin1String("t")].toBool());
    QCOMPARE(v[QLatin1String("a")][1].toString(), QStringLiteral("2"));
    QVERIFY(v[QLatin1String("a")][5].isUndefined());
    QVERIFY(v[QLatin1String("o")][QLatin1String("x")].isNull());
    QVERIFY(v[QLatin1String("missing")].isUndefined());
    QCOMPARE(v[QLatin1String("s")].toString(QStringLiteral("d")), QStringLiteral("str"));
    QCOMPARE(v[QLatin1String("missing")].toString(QStringLiteral("d")), QStringLiteral("d"));
    QVERIFY(v[QLatin1String("s")].toObject().isEmpty());
    QVERIFY(v[QLatin1String("s")].toArray().isEmpty());
}

void TestJson::deepNesting()
{
    QJsonParseError error;
    Json::parse(QByteArray(QByteArray(1000, '[') + QByteArray(1000, ']')), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    Json::parse(QByteArray(QByteArray(5000, '[') + QByteArray(5000, ']')), &error);
    QCOMPARE(error.error, QJsonParseError::DeepNesting);
    QJsonDocument::fromJson(QByteArray(QByteArray(5000, '[') + QByteArray(5000, ']')), &error);
    QCOMPARE(error.error, QJsonParseError::DeepNesting); // Qt refuses it too
}

// The one deliberate difference: QJsonDocument (like QString::fromUtf8) drops a U+FEFF at the start of a string; a
// client's text must reach Kiro as it was sent.
void TestJson::leadingByteOrderMarkKept()
{
    const QByteArray text = "[\"\xEF\xBB\xBF"
                            "a\",\"\xEF\xBB\xBF\",{\"\xEF\xBB\xBF"
                            "k\":1}]";
    const JsonValue v = Json::parse(text);
    QCOMPARE(v[0].toString(), QString(QChar(0xFEFF)) + QLatin1Char('a'));
    QCOMPARE(v[1].toString(), QString(QChar(0xFEFF)));
    QCOMPARE(v[2].toObject().keys().first(), QString(QChar(0xFEFF)) + QLatin1Char('k'));
    QCOMPARE(Json::write(v), text);
}

// The writer makes room for six bytes per UTF-16 unit while it writes a string; the buffer it returns (a request body
// kept until the upstream has it) must not keep that room.
void TestJson::writtenBufferHoldsOnlyItsBytes()
{
    const JsonObject o{{QStringLiteral("text"), QString(200000, QLatin1Char('a'))}};
    const QByteArray out = Json::write(o);
    QCOMPARE(out.size(), qsizetype(200000 + 11));
    QVERIFY2(out.capacity() < out.size() + out.size() / 4, QByteArray::number(out.capacity()).constData());
}

QTEST_APPLESS_MAIN(TestJson)
#include "tst_json.moc"
