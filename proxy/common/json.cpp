// SPDX-License-Identifier: MIT
// Json: the value types (copy on write), the parser (UTF-8 in, SWAR string scanning) and the compact writer.
#include "common/json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include <QCborValue>
#include <QStringDecoder>

struct JsonValue::Container
{
    QList<JsonValue> items;            ///< a JsonArray's elements
    QList<JsonObject::Member> members; ///< a JsonObject's members, sorted by key, keys unique
};

namespace {

const JsonValue kUndefined(JsonValue::Undefined);
const QString kEmptyString;

/// UTF-16 code unit order, QJsonObject::insert's. (QJsonDocument::fromJson orders by code point instead; the two
/// differ only between keys with characters above U+FFFF and ones in U+E000…U+FFFF at the same position.)
int compareKeys(QStringView a, QStringView b)
{
    return a.compare(b);
}

int compareKeys(QStringView a, QLatin1String b)
{
    return a.compare(b);
}

} // namespace

// ---- JsonValue ----

JsonValue::JsonValue(Type type)
    : m_type(type)
{
    if (type == Array || type == Object)
        m_container = std::make_shared<Container>();
}

JsonValue::JsonValue(bool b)
    : m_type(Bool)
    , m_bool(b)
{}

JsonValue::JsonValue(double d)
    : m_type(Double)
    , m_double(d)
{}

JsonValue::JsonValue(int i)
    : m_type(Double)
    , m_isInteger(true)
    , m_integer(i)
{}

JsonValue::JsonValue(qint64 i)
    : m_type(Double)
    , m_isInteger(true)
    , m_integer(i)
{}

JsonValue::JsonValue(const QString &s)
    : m_type(String)
    , m_string(s)
{}

JsonValue::JsonValue(QString &&s)
    : m_type(String)
    , m_string(std::move(s))
{}

JsonValue::JsonValue(QLatin1String s)
    : m_type(String)
    , m_string(s)
{}

JsonValue::JsonValue(const char *utf8)
    : m_type(String)
    , m_string(QString::fromUtf8(utf8))
{}

JsonValue::JsonValue(const JsonArray &a)
    : m_type(Array)
    , m_container(a.d)
{}

JsonValue::JsonValue(const JsonObject &o)
    : m_type(Object)
    , m_container(o.d)
{}

int JsonValue::toInt(int defaultValue) const
{
    if (m_type != Double)
        return defaultValue;
    if (m_isInteger)
        return m_integer >= std::numeric_limits<int>::min() && m_integer <= std::numeric_limits<int>::max()
                   ? int(m_integer)
                   : defaultValue;
    const double d = m_double;
    if (!(d >= double(std::numeric_limits<int>::min()) && d <= double(std::numeric_limits<int>::max())) ||
        d != std::floor(d))
        return defaultValue;
    return int(d);
}

qint64 JsonValue::toInteger(qint64 defaultValue) const
{
    if (m_type != Double)
        return defaultValue;
    if (m_isInteger)
        return m_integer;
    const double d = m_double;
    if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0) || d != std::floor(d))
        return defaultValue;
    return qint64(d);
}

const QString &JsonValue::stringRef() const
{
    return m_type == String ? m_string : kEmptyString;
}

JsonArray JsonValue::toArray() const
{
    JsonArray a;
    if (m_type == Array)
        a.d = m_container;
    return a;
}

JsonObject JsonValue::toObject() const
{
    JsonObject o;
    if (m_type == Object)
        o.d = m_container;
    return o;
}

const JsonValue JsonValue::operator[](QStringView key) const
{
    if (m_type != Object)
        return kUndefined;
    return toObject().value(key);
}

const JsonValue JsonValue::operator[](QLatin1String key) const
{
    if (m_type != Object)
        return kUndefined;
    return toObject().value(key);
}

const JsonValue JsonValue::operator[](qsizetype i) const
{
    if (m_type != Array)
        return kUndefined;
    return toArray().at(i);
}

bool JsonValue::operator==(const JsonValue &other) const
{
    if (m_type != other.m_type)
        return false;
    switch (m_type) {
    case Null:
    case Undefined:
        return true;
    case Bool:
        return m_bool == other.m_bool;
    case Double:
        return m_isInteger && other.m_isInteger ? m_integer == other.m_integer : toDouble() == other.toDouble();
    case String:
        return m_string == other.m_string;
    case Array:
        return toArray() == other.toArray();
    case Object:
        return toObject() == other.toObject();
    }
    return false;
}

QJsonValue JsonValue::toQJsonValue() const
{
    switch (m_type) {
    case Null:
        return QJsonValue(QJsonValue::Null);
    case Undefined:
        return QJsonValue(QJsonValue::Undefined);
    case Bool:
        return m_bool;
    case Double:
        return m_isInteger ? QJsonValue(m_integer) : QJsonValue(m_double);
    case String:
        return m_string;
    case Array:
        return toArray().toQJsonArray();
    case Object:
        return toObject().toQJsonObject();
    }
    return {};
}

JsonValue JsonValue::fromQJsonValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return JsonValue(Null);
    case QJsonValue::Undefined:
        return JsonValue(Undefined);
    case QJsonValue::Bool:
        return v.toBool();
    case QJsonValue::Double: {
        const QCborValue cbor = QCborValue::fromJsonValue(v);
        return cbor.isInteger() ? JsonValue(cbor.toInteger()) : JsonValue(v.toDouble());
    }
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Array:
        return JsonArray::fromQJsonArray(v.toArray());
    case QJsonValue::Object:
        return JsonObject::fromQJsonObject(v.toObject());
    }
    return {};
}

// ---- JsonArray ----

JsonArray::JsonArray() = default;

JsonArray::JsonArray(std::initializer_list<JsonValue> values)
{
    QList<JsonValue> &items = detach();
    items.reserve(qsizetype(values.size()));
    for (const JsonValue &v : values)
        items.append(v);
}

const QList<JsonValue> &JsonArray::items() const
{
    static const QList<JsonValue> empty;
    return d ? d->items : empty;
}

QList<JsonValue> &JsonArray::detach()
{
    if (!d)
        d = std::make_shared<JsonValue::Container>();
    else if (d.use_count() > 1)
        d = std::make_shared<JsonValue::Container>(*d);
    return d->items;
}

qsizetype JsonArray::size() const
{
    return items().size();
}

JsonValue JsonArray::at(qsizetype i) const
{
    const QList<JsonValue> &list = items();
    return i >= 0 && i < list.size() ? list.at(i) : kUndefined;
}

void JsonArray::append(const JsonValue &v)
{
    detach().append(v);
}

void JsonArray::append(JsonValue &&v)
{
    detach().append(std::move(v));
}

void JsonArray::insert(qsizetype i, const JsonValue &v)
{
    QList<JsonValue> &list = detach();
    list.insert(std::clamp<qsizetype>(i, 0, list.size()), v);
}

void JsonArray::removeAt(qsizetype i)
{
    if (i >= 0 && i < size())
        detach().removeAt(i);
}

void JsonArray::replace(qsizetype i, const JsonValue &v)
{
    if (i >= 0 && i < size())
        detach()[i] = v;
}

bool JsonArray::operator==(const JsonArray &other) const
{
    return d == other.d || items() == other.items();
}

JsonArray::const_iterator JsonArray::begin() const
{
    return items().cbegin();
}

JsonArray::const_iterator JsonArray::end() const
{
    return items().cend();
}

QJsonArray JsonArray::toQJsonArray() const
{
    QJsonArray out;
    for (const JsonValue &v : items())
        out.append(v.toQJsonValue());
    return out;
}

JsonArray JsonArray::fromQJsonArray(const QJsonArray &a)
{
    JsonArray out;
    QList<JsonValue> &items = out.detach();
    items.reserve(a.size());
    for (const QJsonValue &v : a)
        items.append(JsonValue::fromQJsonValue(v));
    return out;
}

JsonArray JsonArray::fromStringList(const QStringList &list)
{
    JsonArray out;
    QList<JsonValue> &items = out.detach();
    items.reserve(list.size());
    for (const QString &s : list)
        items.append(JsonValue(s));
    return out;
}

// ---- JsonObject ----

/// Sorts members by key; of repeated keys the last one stays (as QJsonObject keeps the last insert).
static void sortMembers(QList<JsonObject::Member> &members)
{
    const auto less = [](const JsonObject::Member &a, const JsonObject::Member &b) {
        return compareKeys(a.key, b.key) < 0;
    };
    if (members.size() <= 16) {
        // Insertion sort: stable, in place, no buffer (std::stable_sort allocates one even for three members).
        for (qsizetype i = 1; i < members.size(); ++i) {
            for (qsizetype j = i; j > 0 && less(members.at(j), members.at(j - 1)); --j)
                std::swap(members[j], members[j - 1]);
        }
    } else {
        std::stable_sort(members.begin(), members.end(), less);
    }
    qsizetype out = 0;
    for (qsizetype i = 0; i < members.size(); ++i) {
        if (i + 1 < members.size() && members.at(i + 1).key == members.at(i).key)
            continue;
        if (out != i)
            members[out] = std::move(members[i]);
        ++out;
    }
    members.resize(out);
}

bool operator==(const JsonObject::Member &a, const JsonObject::Member &b)
{
    return a.key == b.key && a.value == b.value;
}

JsonObject::JsonObject() = default;

JsonObject::JsonObject(std::initializer_list<std::pair<QString, JsonValue>> members)
{
    // One allocation and one sort (the events of a stream are built this way, several per upstream event).
    QList<Member> &list = detach();
    list.reserve(qsizetype(members.size()));
    for (const auto &[key, value] : members)
        list.append(Member{key, value});
    sortMembers(list);
}

const QList<JsonObject::Member> &JsonObject::members() const
{
    static const QList<Member> empty;
    return d ? d->members : empty;
}

QList<JsonObject::Member> &JsonObject::detach()
{
    if (!d)
        d = std::make_shared<JsonValue::Container>();
    else if (d.use_count() > 1)
        d = std::make_shared<JsonValue::Container>(*d);
    return d->members;
}

template<typename Key>
static qsizetype findIn(const QList<JsonObject::Member> &list, Key key)
{
    qsizetype lo = 0;
    qsizetype hi = list.size();
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        const int c = compareKeys(QStringView(list.at(mid).key), key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -(lo + 1);
}

qsizetype JsonObject::find(QStringView key) const
{
    return findIn(members(), key);
}

qsizetype JsonObject::find(QLatin1String key) const
{
    return findIn(members(), key);
}

qsizetype JsonObject::size() const
{
    return members().size();
}

bool JsonObject::contains(QStringView key) const
{
    return find(key) >= 0;
}

bool JsonObject::contains(QLatin1String key) const
{
    return find(key) >= 0;
}

JsonValue JsonObject::value(QStringView key) const
{
    const qsizetype i = find(key);
    return i >= 0 ? members().at(i).value : kUndefined;
}

JsonValue JsonObject::value(QLatin1String key) const
{
    const qsizetype i = find(key);
    return i >= 0 ? members().at(i).value : kUndefined;
}

void JsonObject::insert(const QString &key, const JsonValue &v)
{
    const qsizetype i = find(key);
    QList<Member> &list = detach();
    if (i >= 0)
        list[i].value = v;
    else
        list.insert(-(i + 1), Member{key, v});
}

void JsonObject::remove(QStringView key)
{
    const qsizetype i = find(key);
    if (i >= 0)
        detach().removeAt(i);
}

void JsonObject::remove(QLatin1String key)
{
    const qsizetype i = find(key);
    if (i >= 0)
        detach().removeAt(i);
}

JsonValue JsonObject::take(QStringView key)
{
    const qsizetype i = find(key);
    if (i < 0)
        return kUndefined;
    QList<Member> &list = detach();
    JsonValue v = list.at(i).value;
    list.removeAt(i);
    return v;
}

QStringList JsonObject::keys() const
{
    QStringList out;
    out.reserve(size());
    for (const Member &m : members())
        out.append(m.key);
    return out;
}

bool JsonObject::operator==(const JsonObject &other) const
{
    return d == other.d || members() == other.members();
}

JsonObject::const_iterator JsonObject::begin() const
{
    return members().cbegin();
}

JsonObject::const_iterator JsonObject::end() const
{
    return members().cend();
}

QJsonObject JsonObject::toQJsonObject() const
{
    QJsonObject out;
    for (const Member &m : members())
        out.insert(m.key, m.value.toQJsonValue());
    return out;
}

JsonObject JsonObject::fromQJsonObject(const QJsonObject &o)
{
    JsonObject out;
    QList<Member> &list = out.detach();
    list.reserve(o.size());
    for (auto it = o.begin(); it != o.end(); ++it)
        list.append(Member{it.key(), JsonValue::fromQJsonValue(it.value())});
    // QJsonObject iterates in its key order, which is ours; sort anyway should the two orders ever differ.
    std::stable_sort(list.begin(), list.end(),
                     [](const Member &a, const Member &b) { return compareKeys(a.key, b.key) < 0; });
    return out;
}

// ---- the parser ----

class JsonParser
{
public:
    JsonParser(QByteArrayView text)
        : m_p(reinterpret_cast<const uchar *>(text.data()))
        , m_end(m_p + text.size())
        , m_begin(m_p)
    {}

    JsonValue document(QJsonParseError *error)
    {
        skipSpace();
        JsonValue v;
        if (m_p < m_end && (*m_p == '{' || *m_p == '[')) {
            v = value(0);
            if (!m_error) {
                skipSpace();
                if (m_p != m_end)
                    fail(QJsonParseError::GarbageAtEnd);
            }
        } else {
            fail(QJsonParseError::IllegalValue);
        }
        if (error) {
            error->error = m_error ? m_errorKind : QJsonParseError::NoError;
            error->offset = m_error ? int(m_errorAt - m_begin) : 0;
        }
        return m_error ? JsonValue(JsonValue::Undefined) : v;
    }

private:
    static constexpr int kNestingLimit = 1024; // QJsonDocument's

    void fail(QJsonParseError::ParseError kind)
    {
        if (m_error)
            return;
        m_error = true;
        m_errorKind = kind;
        m_errorAt = m_p;
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    JsonValue value(int depth)
    {
        if (m_p >= m_end) {
            fail(QJsonParseError::IllegalValue);
            return {};
        }
        switch (*m_p) {
        case '{':
            return object(depth + 1);
        case '[':
            return array(depth + 1);
        case '"':
            ++m_p;
            return JsonValue(string());
        case 't':
            return literal("true", JsonValue(true));
        case 'f':
            return literal("false", JsonValue(false));
        case 'n':
            return literal("null", JsonValue(JsonValue::Null));
        default:
            if (*m_p == '-' || *m_p == '.' || (*m_p >= '0' && *m_p <= '9'))
                return number();
            fail(QJsonParseError::IllegalValue);
            return {};
        }
    }

    JsonValue literal(const char *word, JsonValue v)
    {
        const size_t n = std::strlen(word);
        if (size_t(m_end - m_p) < n || std::memcmp(m_p, word, n) != 0) {
            fail(QJsonParseError::IllegalValue);
            return {};
        }
        m_p += n;
        return v;
    }

    JsonValue number()
    {
        const uchar *start = m_p;
        if (m_p < m_end && *m_p == '-')
            ++m_p;
        // Qt's grammar, which is laxer than RFC 8259's: "1.", ".5" and "-.5" are numbers, "-." is not.
        const uchar *digits = m_p;
        if (m_p < m_end && *m_p == '0') {
            ++m_p;
        } else {
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
        }
        bool any = m_p != digits;
        bool integral = true;
        if (m_p < m_end && *m_p == '.') {
            integral = false;
            ++m_p;
            const uchar *fraction = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            any = any || m_p != fraction;
        }
        if (!any) {
            fail(QJsonParseError::IllegalNumber);
            return {};
        }
        if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
            integral = false;
            ++m_p;
            if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            const uchar *exp = m_p;
            while (m_p < m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            if (m_p == exp) {
                fail(QJsonParseError::IllegalNumber);
                return {};
            }
        }
        if (m_p >= m_end) {
            fail(QJsonParseError::TerminationByNumber);
            return {};
        }
        if (integral) {
            qint64 i = 0;
            const auto r =
                std::from_chars(reinterpret_cast<const char *>(start), reinterpret_cast<const char *>(m_p), i);
            if (r.ec == std::errc() && r.ptr == reinterpret_cast<const char *>(m_p))
                return JsonValue(i); // exact, like Qt's integers; a longer one falls through to a double
        }
        double d = 0;
        const auto [ptr, ec] = std::from_chars(reinterpret_cast<const char *>(start),
                                               reinterpret_cast<const char *>(m_p), d, std::chars_format::general);
        if (ec != std::errc() || !std::isfinite(d)) {
            fail(QJsonParseError::IllegalNumber);
            return {};
        }
        Q_UNUSED(ptr);
        // Like Qt's parser, a whole number that fits 64 bits becomes an integer ("1e3" is 1000).
        if (d == std::floor(d) && d > -9223372036854775808.0 && d < 9223372036854775808.0)
            return JsonValue(qint64(d));
        return JsonValue(d);
    }

    static bool validUtf8(const uchar *p, const uchar *end)
    {
        while (p < end) {
            const uchar c = *p;
            if (c < 0x80) {
                ++p;
                continue;
            }
            int n;
            char32_t cp;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                cp = c & 0x0F;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                cp = c & 0x07;
            } else {
                return false;
            }
            if (end - p <= n)
                return false;
            for (int i = 1; i <= n; ++i) {
                if ((p[i] & 0xC0) != 0x80)
                    return false;
                cp = (cp << 6) | (p[i] & 0x3F);
            }
            if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
                (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
                return false;
            p += n + 1;
        }
        return true;
    }

    /// Validated UTF-8 to UTF-16. QString::fromUtf8 would drop a leading U+FEFF (a byte order mark); text keeps it.
    static QString decodeUtf8(const uchar *from, const uchar *to)
    {
        const char *s = reinterpret_cast<const char *>(from);
        if (to - from >= 3 && from[0] == 0xEF && from[1] == 0xBB && from[2] == 0xBF) {
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
            return decoder.decode(QByteArrayView(s, to - from));
        }
        return QString::fromUtf8(s, to - from);
    }

    /// Appends the raw bytes [from, to) (no quotes, no escapes) to `out`, checking they are UTF-8.
    bool appendRaw(QString &out, const uchar *from, const uchar *to, bool ascii)
    {
        if (from == to)
            return true;
        if (ascii) {
            out.append(QLatin1String(reinterpret_cast<const char *>(from), to - from));
            return true;
        }
        if (!validUtf8(from, to)) {
            m_p = from;
            fail(QJsonParseError::IllegalUTF8String);
            return false;
        }
        const QString decoded = decodeUtf8(from, to);
        if (out.isEmpty())
            out = decoded;
        else
            out.append(decoded);
        return true;
    }

    /// After the opening quote; leaves m_p after the closing one.
    QString string()
    {
        constexpr quint64 ones = 0x0101010101010101ULL;
        constexpr quint64 highs = 0x8080808080808080ULL;
        QString out;
        const uchar *run = m_p;
        bool ascii = true;
        for (;;) {
            // Eight bytes at a time while none is a quote, a backslash or (noted) non-ASCII.
            while (m_end - m_p >= 8) {
                quint64 w;
                std::memcpy(&w, m_p, 8);
                const quint64 q = w ^ (ones * '"');
                const quint64 b = w ^ (ones * '\\');
                if ((((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
                    break; // a quote or a backslash somewhere in these eight: look bytewise
                ascii = ascii && !(w & highs);
                m_p += 8;
            }
            if (m_p >= m_end) {
                fail(QJsonParseError::UnterminatedString);
                return {};
            }
            const uchar c = *m_p;
            if (c == '"') {
                if (!appendRaw(out, run, m_p, ascii))
                    return {};
                ++m_p;
                return out;
            }
            if (c == '\\') {
                if (!appendRaw(out, run, m_p, ascii))
                    return {};
                ++m_p;
                if (!escape(out))
                    return {};
                run = m_p;
                ascii = true;
                continue;
            }
            if (c >= 0x80)
                ascii = false;
            ++m_p;
        }
    }

    bool hex4(char16_t &out)
    {
        if (m_end - m_p < 4) {
            fail(QJsonParseError::IllegalEscapeSequence);
            return false;
        }
        char16_t v = 0;
        for (int i = 0; i < 4; ++i) {
            const uchar c = m_p[i];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= c - '0';
            else if (c >= 'a' && c <= 'f')
                v |= c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                v |= c - 'A' + 10;
            else {
                fail(QJsonParseError::IllegalEscapeSequence);
                return false;
            }
        }
        m_p += 4;
        out = v;
        return true;
    }

    /// After the backslash.
    bool escape(QString &out)
    {
        if (m_p >= m_end) {
            fail(QJsonParseError::UnterminatedString);
            return false;
        }
        const uchar c = *m_p++;
        switch (c) {
        case 'b':
            out.append(QChar(u'\b'));
            return true;
        case 'f':
            out.append(QChar(u'\f'));
            return true;
        case 'n':
            out.append(QChar(u'\n'));
            return true;
        case 'r':
            out.append(QChar(u'\r'));
            return true;
        case 't':
            out.append(QChar(u'\t'));
            return true;
        case 'u': {
            char16_t u;
            if (!hex4(u))
                return false;
            out.append(QChar(u));
            return true;
        }
        default:
            // \" \\ \/ stand for themselves; so does any other byte, taken as Latin-1 (Qt's reading: "\\\xA9" is ©).
            out.append(QChar(c));
            return true;
        }
    }

    JsonValue array(int depth)
    {
        if (depth > kNestingLimit) {
            fail(QJsonParseError::DeepNesting);
            return {};
        }
        ++m_p; // [
        JsonArray a;
        QList<JsonValue> &items = a.detach();
        skipSpace();
        if (m_p < m_end && *m_p == ']') {
            ++m_p;
            return a;
        }
        for (;;) {
            skipSpace();
            items.append(value(depth));
            if (m_error)
                return {};
            skipSpace();
            if (m_p >= m_end) {
                fail(QJsonParseError::UnterminatedArray);
                return {};
            }
            if (*m_p == ',') {
                ++m_p;
                skipSpace();
                if (m_p < m_end && *m_p == ']') {
                    fail(QJsonParseError::MissingObject);
                    return {};
                }
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                return a;
            }
            fail(QJsonParseError::MissingValueSeparator);
            return {};
        }
    }

    JsonValue object(int depth)
    {
        if (depth > kNestingLimit) {
            fail(QJsonParseError::DeepNesting);
            return {};
        }
        ++m_p; // {
        JsonObject o;
        QList<JsonObject::Member> &members = o.detach();
        skipSpace();
        if (m_p < m_end && *m_p == '}') {
            ++m_p;
            return o;
        }
        bool sorted = true;
        for (;;) {
            skipSpace();
            if (m_p >= m_end) {
                fail(QJsonParseError::UnterminatedObject);
                return {};
            }
            if (*m_p != '"') {
                fail(QJsonParseError::IllegalValue);
                return {};
            }
            ++m_p;
            QString key = string();
            if (m_error)
                return {};
            skipSpace();
            if (m_p >= m_end || *m_p != ':') {
                fail(m_p >= m_end ? QJsonParseError::UnterminatedObject : QJsonParseError::MissingNameSeparator);
                return {};
            }
            ++m_p;
            skipSpace();
            JsonValue v = value(depth);
            if (m_error)
                return {};
            if (sorted && !members.isEmpty() && compareKeys(members.last().key, key) >= 0)
                sorted = false;
            members.append(JsonObject::Member{std::move(key), std::move(v)});
            skipSpace();
            if (m_p >= m_end) {
                fail(QJsonParseError::UnterminatedObject);
                return {};
            }
            if (*m_p == ',') {
                ++m_p;
                skipSpace();
                if (m_p < m_end && *m_p == '}') {
                    fail(QJsonParseError::MissingObject);
                    return {};
                }
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                break;
            }
            fail(QJsonParseError::MissingValueSeparator);
            return {};
        }
        if (!sorted)
            sortMembers(members); // a repeated key keeps its last value
        return o;
    }

    const uchar *m_p;
    const uchar *m_end;
    const uchar *m_begin;
    bool m_error = false;
    QJsonParseError::ParseError m_errorKind = QJsonParseError::NoError;
    const uchar *m_errorAt = nullptr;
};

namespace Json {

JsonValue parse(QByteArrayView text, QJsonParseError *error)
{
    return JsonParser(text).document(error);
}

void appendNumber(QByteArray &out, double d)
{
    if (!std::isfinite(d)) {
        out.append("null");
        return;
    }
    // As QJsonDocument writes a double: a whole number below 2^64 in fixed notation, anything else in the shortest
    // form that reads back the same.
    const bool whole = d == std::floor(d) && std::abs(d) < 18446744073709551616.0;
    out.append(QByteArray::number(d, whole ? 'f' : 'g', QLocale::FloatingPointShortest));
}

void appendInteger(QByteArray &out, qint64 i)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, i);
    out.append(buf, r.ptr - buf);
}

void appendString(QByteArray &out, QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    // Room for the worst case (every unit escaped as \uXXXX), written straight into the buffer, trimmed at the end.
    const qsizetype at = out.size();
    out.resize(at + 2 + 6 * s.size());
    char *w = out.data() + at;
    *w++ = '"';
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p < end) {
        // Runs of plain ASCII four units at a time.
        while (end - p >= 4) {
            quint64 four;
            std::memcpy(&four, p, 8);
            // Any unit ≥ 0x80, < 0x20, '"' or '\\' ends the fast run.
            if (four & 0xFF80FF80FF80FF80ULL)
                break;
            const quint64 lowControl = (four - 0x0020002000200020ULL) & ~four & 0x0080008000800080ULL;
            const quint64 q = four ^ 0x0022002200220022ULL;
            const quint64 b = four ^ 0x005C005C005C005CULL;
            const quint64 quote = (q - 0x0001000100010001ULL) & ~q & 0x0080008000800080ULL;
            const quint64 backslash = (b - 0x0001000100010001ULL) & ~b & 0x0080008000800080ULL;
            if (lowControl | quote | backslash)
                break;
            w[0] = char(p[0]);
            w[1] = char(p[1]);
            w[2] = char(p[2]);
            w[3] = char(p[3]);
            w += 4;
            p += 4;
        }
        if (p >= end)
            break;
        const char16_t c = *p++;
        if (c < 0x80) {
            if (c >= 0x20 && c != u'"' && c != u'\\') {
                *w++ = char(c);
                continue;
            }
            *w++ = '\\';
            switch (c) {
            case u'"':
                *w++ = '"';
                break;
            case u'\\':
                *w++ = '\\';
                break;
            case u'\b':
                *w++ = 'b';
                break;
            case u'\f':
                *w++ = 'f';
                break;
            case u'\n':
                *w++ = 'n';
                break;
            case u'\r':
                *w++ = 'r';
                break;
            case u'\t':
                *w++ = 't';
                break;
            default:
                *w++ = 'u';
                *w++ = '0';
                *w++ = '0';
                *w++ = hex[c >> 4];
                *w++ = hex[c & 0xF];
                break;
            }
        } else if (c < 0x800) {
            *w++ = char(0xC0 | (c >> 6));
            *w++ = char(0x80 | (c & 0x3F));
        } else if (c < 0xD800 || c > 0xDFFF) {
            *w++ = char(0xE0 | (c >> 12));
            *w++ = char(0x80 | ((c >> 6) & 0x3F));
            *w++ = char(0x80 | (c & 0x3F));
        } else if (c <= 0xDBFF && p < end && *p >= 0xDC00 && *p <= 0xDFFF) {
            const char32_t cp = 0x10000 + ((char32_t(c) - 0xD800) << 10) + (char32_t(*p++) - 0xDC00);
            *w++ = char(0xF0 | (cp >> 18));
            *w++ = char(0x80 | ((cp >> 12) & 0x3F));
            *w++ = char(0x80 | ((cp >> 6) & 0x3F));
            *w++ = char(0x80 | (cp & 0x3F));
        } else {
            // A surrogate without its partner: \uXXXX (lower-case, like Qt).
            *w++ = '\\';
            *w++ = 'u';
            *w++ = hex[(c >> 12) & 0xF];
            *w++ = hex[(c >> 8) & 0xF];
            *w++ = hex[(c >> 4) & 0xF];
            *w++ = hex[c & 0xF];
        }
    }
    *w++ = '"';
    out.resize(w - out.constData());
}

void append(QByteArray &out, const JsonValue &value)
{
    switch (value.type()) {
    case JsonValue::Null:
    case JsonValue::Undefined:
        out.append("null");
        return;
    case JsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return;
    case JsonValue::Double:
        if (value.isInteger())
            appendInteger(out, value.toInteger());
        else
            appendNumber(out, value.toDouble());
        return;
    case JsonValue::String:
        appendString(out, value.stringRef());
        return;
    case JsonValue::Array: {
        out.append('[');
        bool first = true;
        for (const JsonValue &v : value.toArray()) {
            if (!first)
                out.append(',');
            first = false;
            append(out, v);
        }
        out.append(']');
        return;
    }
    case JsonValue::Object: {
        out.append('{');
        bool first = true;
        for (const JsonObject::Member &m : value.toObject()) {
            if (!first)
                out.append(',');
            first = false;
            appendString(out, m.key);
            out.append(':');
            append(out, m.value);
        }
        out.append('}');
        return;
    }
    }
}

QByteArray write(const JsonValue &value)
{
    QByteArray out;
    append(out, value);
    // appendString makes room for the worst case of each string (six bytes per UTF-16 unit); what was not needed is
    // given back (a large buffer shrinks in place), so a request body kept until it is sent holds only its bytes.
    if (out.capacity() - out.size() > 4096 + out.size() / 8)
        out.squeeze();
    return out;
}

QByteArray write(const JsonObject &object)
{
    return write(JsonValue(object));
}

QByteArray write(const JsonArray &array)
{
    return write(JsonValue(array));
}

} // namespace Json
