// SPDX-License-Identifier: MIT
// Json: the JSON model of the request path — JsonValue, JsonArray, JsonObject with the QJsonValue API, a parser and a
// compact writer. It exists for speed (docs/architecture.md §9): a 1 MB Claude Code request spent 17 ms in
// QJsonDocument (parse 9, serialise 4, container copies 4); strings here are implicitly shared QStrings, never copied
// into a container, and the parser and writer work on the UTF-8 bytes directly.
//
// Behaviour is QJsonDocument's, byte for byte where it shows: objects keep their members sorted by key (iteration and
// output order are QJsonObject's), a duplicate key keeps the last value, numbers are doubles written the way Qt writes
// them, strings are escaped the way Qt escapes them, and the parser accepts and rejects what Qt's does (invalid UTF-8
// is an error; "1." and unknown escapes are accepted). tst_json checks both directions against QJsonDocument.
#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

class JsonArray;
class JsonObject;

class JsonValue
{
public:
    enum Type { Null, Bool, Double, String, Array, Object, Undefined };

    JsonValue(Type type = Null);
    JsonValue(bool b);
    JsonValue(double d);
    JsonValue(int i);
    JsonValue(qint64 i);
    JsonValue(const QString &s);
    JsonValue(QString &&s);
    JsonValue(QLatin1String s);
    JsonValue(const char *utf8);
    JsonValue(const JsonArray &a);
    JsonValue(const JsonObject &o);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Null; }
    bool isBool() const { return m_type == Bool; }
    bool isDouble() const { return m_type == Double; }
    bool isString() const { return m_type == String; }
    bool isArray() const { return m_type == Array; }
    bool isObject() const { return m_type == Object; }
    bool isUndefined() const { return m_type == Undefined; }

    bool toBool(bool defaultValue = false) const { return m_type == Bool ? m_bool : defaultValue; }
    double toDouble(double defaultValue = 0) const
    {
        return m_type != Double ? defaultValue : m_isInteger ? double(m_integer) : m_double;
    }
    /// A number written without fraction or exponent that fits 64 bits (kept exactly, like QJsonValue's integers).
    bool isInteger() const { return m_type == Double && m_isInteger; }
    int toInt(int defaultValue = 0) const;
    qint64 toInteger(qint64 defaultValue = 0) const;
    QString toString() const { return m_type == String ? m_string : QString(); }
    QString toString(const QString &defaultValue) const { return m_type == String ? m_string : defaultValue; }
    /// The string without a copy (empty for other types).
    const QString &stringRef() const;
    JsonArray toArray() const;
    JsonObject toObject() const;

    /// Member `key` of an object (Undefined otherwise or when missing); element `i` of an array.
    const JsonValue operator[](QStringView key) const;
    const JsonValue operator[](QLatin1String key) const;
    const JsonValue operator[](qsizetype i) const;

    bool operator==(const JsonValue &other) const;
    bool operator!=(const JsonValue &other) const { return !(*this == other); }

    QJsonValue toQJsonValue() const;
    static JsonValue fromQJsonValue(const QJsonValue &v);

private:
    friend class JsonArray;
    friend class JsonObject;
    struct Container;

    Type m_type = Null;
    bool m_bool = false;
    bool m_isInteger = false;
    double m_double = 0;
    qint64 m_integer = 0;
    QString m_string;
    std::shared_ptr<Container> m_container; ///< the JsonArray's or JsonObject's data, shared (copy on write)
};

class JsonArray
{
public:
    JsonArray();
    JsonArray(std::initializer_list<JsonValue> values);

    qsizetype size() const;
    qsizetype count() const { return size(); }
    bool isEmpty() const { return size() == 0; }
    JsonValue at(qsizetype i) const;
    const JsonValue operator[](qsizetype i) const { return at(i); }
    JsonValue first() const { return at(0); }
    JsonValue last() const { return at(size() - 1); }
    void append(const JsonValue &v);
    void append(JsonValue &&v);
    void prepend(const JsonValue &v) { insert(0, v); }
    void insert(qsizetype i, const JsonValue &v);
    void removeAt(qsizetype i);
    void replace(qsizetype i, const JsonValue &v);
    JsonArray &operator+=(const JsonValue &v)
    {
        append(v);
        return *this;
    }
    JsonArray &operator<<(const JsonValue &v)
    {
        append(v);
        return *this;
    }
    bool operator==(const JsonArray &other) const;
    bool operator!=(const JsonArray &other) const { return !(*this == other); }

    using const_iterator = QList<JsonValue>::const_iterator;
    const_iterator begin() const;
    const_iterator end() const;

    QJsonArray toQJsonArray() const;
    static JsonArray fromQJsonArray(const QJsonArray &a);
    static JsonArray fromStringList(const QStringList &list);

private:
    friend class JsonValue;
    friend class JsonParser;
    const QList<JsonValue> &items() const;
    QList<JsonValue> &detach();
    std::shared_ptr<JsonValue::Container> d;
};

class JsonObject
{
public:
    struct Member
    {
        QString key;
        JsonValue value;
    };

    JsonObject();
    JsonObject(std::initializer_list<std::pair<QString, JsonValue>> members);

    qsizetype size() const;
    qsizetype count() const { return size(); }
    bool isEmpty() const { return size() == 0; }
    bool contains(QStringView key) const;
    bool contains(QLatin1String key) const;
    JsonValue value(QStringView key) const;
    JsonValue value(QLatin1String key) const;
    const JsonValue operator[](QStringView key) const { return value(key); }
    const JsonValue operator[](QLatin1String key) const { return value(key); }
    void insert(const QString &key, const JsonValue &v);
    void remove(QStringView key);
    void remove(QLatin1String key);
    JsonValue take(QStringView key);
    QStringList keys() const;
    bool operator==(const JsonObject &other) const;
    bool operator!=(const JsonObject &other) const { return !(*this == other); }

    /// Members in key order (QJsonObject's order).
    using const_iterator = QList<Member>::const_iterator;
    const_iterator begin() const;
    const_iterator end() const;

    QJsonObject toQJsonObject() const;
    static JsonObject fromQJsonObject(const QJsonObject &o);

private:
    friend class JsonValue;
    friend class JsonParser;
    const QList<Member> &members() const;
    QList<Member> &detach();
    /// Index of `key`, or of where it belongs (negative: -(position + 1)).
    qsizetype find(QStringView key) const;
    qsizetype find(QLatin1String key) const;
    std::shared_ptr<JsonValue::Container> d;
};

namespace Json {

/// Parses a JSON text (an object or an array at the top, like QJsonDocument). On error returns Undefined and fills
/// `error` with Qt's error kinds, messages and a byte offset.
JsonValue parse(QByteArrayView text, QJsonParseError *error = nullptr);

/// The compact serialisation (QJsonDocument::Compact's bytes).
QByteArray write(const JsonValue &value);
QByteArray write(const JsonObject &object);
QByteArray write(const JsonArray &array);
/// Appends the serialisation of `value` to `out`.
void append(QByteArray &out, const JsonValue &value);
/// Appends `s` as a JSON string: quoted and escaped exactly as QJsonDocument does.
void appendString(QByteArray &out, QStringView s);
/// Appends a number as QJsonDocument writes a double, or an integer.
void appendNumber(QByteArray &out, double d);
void appendInteger(QByteArray &out, qint64 i);

} // namespace Json
