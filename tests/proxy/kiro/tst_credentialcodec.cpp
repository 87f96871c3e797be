// SPDX-License-Identifier: MIT
// Tests CredentialCodec: every key of every field, every auth-method spelling, the store format and clear errors.
#include <QJsonDocument>
#include <QTest>

#include "kiro/credentialcodec.h"

using Field = CredentialCodec::Field;
using Method = KiroCredential::AuthMethod;

Q_DECLARE_METATYPE(CredentialCodec::Field)
Q_DECLARE_METATYPE(KiroCredential::AuthMethod)
Q_DECLARE_METATYPE(KiroCredential)

class TestCredentialCodec : public QObject
{
    Q_OBJECT

private slots:
    void keys_data();
    void keys();
    void fieldAliases_data();
    void fieldAliases();
    void precedence_data();
    void precedence();
    void authMethodNames_data();
    void authMethodNames();
    void resolveAuthMethod_data();
    void resolveAuthMethod();
    void roundTrip_data();
    void roundTrip();
    void storeFormat();
    void malformed_data();
    void malformed();
    void readKeepsTheRest();
    void expiry_data();
    void expiry();
    void writeRefreshed_data();
    void writeRefreshed();
};

namespace {

QJsonObject object(const char *json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", json);
    return doc.object();
}

/// What a reading holds for one field, as text (dates as ISO, the auth method by its canonical name).
QString readBack(const CredentialReading &r, Field field)
{
    const KiroCredential &c = r.credential;
    switch (field) {
    case Field::RefreshToken:
        return c.refreshToken;
    case Field::AccessToken:
        return c.accessToken;
    case Field::ExpiresAt:
        return c.expiresAt.toUTC().toString(Qt::ISODate);
    case Field::AuthMethod:
        return KiroCredential::authMethodName(c.authMethod);
    case Field::ClientId:
        return c.clientId;
    case Field::ClientSecret:
        return c.clientSecret;
    case Field::Region:
        return c.region;
    case Field::ApiRegion:
        return c.apiRegion;
    case Field::ProfileArn:
        return c.profileArn;
    case Field::MachineId:
        return c.machineId;
    case Field::Provider:
        return r.provider;
    case Field::Email:
        return r.email;
    case Field::Name:
        return r.name;
    }
    return {};
}

/// Every field of a credential, for comparing two of them in one QCOMPARE.
QStringList fields(const KiroCredential &c)
{
    return {KiroCredential::authMethodName(c.authMethod),
            c.refreshToken,
            c.accessToken,
            c.expiresAt.isValid() ? c.expiresAt.toUTC().toString(Qt::ISODateWithMs) : QStringLiteral("(invalid)"),
            c.clientId,
            c.clientSecret,
            c.profileArn,
            c.region,
            c.apiRegion,
            c.machineId};
}

KiroCredential fullCredential()
{
    KiroCredential c;
    c.authMethod = Method::Idc;
    c.refreshToken = QStringLiteral("aorRefresh");
    c.accessToken = QStringLiteral("aoaAccess");
    c.expiresAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    c.clientId = QStringLiteral("cid");
    c.clientSecret = QStringLiteral("csecret");
    c.profileArn = QStringLiteral("arn:aws:codewhisperer:us-east-1:1:profile/X");
    c.region = QStringLiteral("eu-central-1");
    c.apiRegion = QStringLiteral("us-east-1");
    c.machineId = QString(64, QLatin1Char('a'));
    return c;
}

} // namespace

void TestCredentialCodec::keys_data()
{
    QTest::addColumn<Field>("field");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("refresh token") << Field::RefreshToken << QStringList{"refreshToken", "refresh_token"};
    QTest::newRow("access token") << Field::AccessToken << QStringList{"accessToken", "access_token"};
    QTest::newRow("expires at") << Field::ExpiresAt << QStringList{"expiresAt", "expires_at"};
    QTest::newRow("auth method") << Field::AuthMethod << QStringList{"authMethod", "auth_method"};
    QTest::newRow("client id") << Field::ClientId << QStringList{"clientId", "client_id"};
    QTest::newRow("client secret") << Field::ClientSecret << QStringList{"clientSecret", "client_secret"};
    QTest::newRow("auth region first") << Field::Region << QStringList{"authRegion", "auth_region", "region"};
    QTest::newRow("api region") << Field::ApiRegion << QStringList{"apiRegion", "api_region"};
    QTest::newRow("profile arn") << Field::ProfileArn << QStringList{"profileArn", "profile_arn"};
    QTest::newRow("machine id") << Field::MachineId << QStringList{"machineId", "machine_id"};
    QTest::newRow("provider") << Field::Provider << QStringList{"provider"};
    QTest::newRow("email") << Field::Email << QStringList{"email"};
    QTest::newRow("name before label") << Field::Name << QStringList{"name", "label"};
}

void TestCredentialCodec::keys()
{
    QFETCH(Field, field);
    QFETCH(QStringList, keys);
    QCOMPARE(CredentialCodec::keys(field), keys);
}

void TestCredentialCodec::fieldAliases_data()
{
    QTest::addColumn<Field>("field");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    // Every key of every field, read alone from an object.
    const struct
    {
        Field field;
        const char *keys[3];
        const char *value;
        const char *expected;
    } table[] = {
        {Field::RefreshToken, {"refreshToken", "refresh_token"}, "aorToken", "aorToken"},
        {Field::AccessToken, {"accessToken", "access_token"}, "aoaToken", "aoaToken"},
        {Field::ExpiresAt, {"expiresAt", "expires_at"}, "2026-01-02T03:04:05.123456789+00:00", "2026-01-02T03:04:05Z"},
        {Field::AuthMethod, {"authMethod", "auth_method"}, "IdC", "idc"},
        {Field::ClientId, {"clientId", "client_id"}, "cid", "cid"},
        {Field::ClientSecret, {"clientSecret", "client_secret"}, "csecret", "csecret"},
        {Field::Region, {"authRegion", "auth_region", "region"}, "eu-central-1", "eu-central-1"},
        {Field::ApiRegion, {"apiRegion", "api_region"}, "us-east-1", "us-east-1"},
        {Field::ProfileArn, {"profileArn", "profile_arn"}, "arn:aws:x", "arn:aws:x"},
        {Field::MachineId, {"machineId", "machine_id"}, "0123abcd", "0123abcd"},
        {Field::Provider, {"provider"}, "BuilderId", "BuilderId"},
        {Field::Email, {"email"}, "a@example.com", "a@example.com"},
        {Field::Name, {"name", "label"}, "Work", "Work"},
    };
    for (const auto &row : table) {
        for (const char *key : row.keys) {
            if (!key)
                break;
            QTest::newRow(key) << row.field << QString::fromLatin1(key) << QString::fromLatin1(row.value)
                               << QString::fromLatin1(row.expected);
        }
    }
}

void TestCredentialCodec::fieldAliases()
{
    QFETCH(Field, field);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const QJsonObject o{{key, QString(QStringLiteral("  ") + value + QStringLiteral("\n"))}}; // read trimmed
    const CredentialReading r = CredentialCodec::read(o);
    QVERIFY2(r.problems.isEmpty(), qPrintable(r.problems.join(QStringLiteral("; "))));
    QCOMPARE(readBack(r, field), expected);
}

void TestCredentialCodec::precedence_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<Field>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("camelCase before snake_case")
        << R"({"refresh_token":"snake","refreshToken":"camel"})" << Field::RefreshToken << "camel";
    QTest::newRow("blank falls through") << R"({"refreshToken":"  ","refresh_token":"snake"})" << Field::RefreshToken
                                         << "snake";
    QTest::newRow("null is absent") << R"({"clientId":null,"client_id":"c"})" << Field::ClientId << "c";
    QTest::newRow("authRegion before region")
        << R"({"region":"us-east-1","authRegion":"eu-central-1"})" << Field::Region << "eu-central-1";
    QTest::newRow("empty authRegion falls back to region")
        << R"({"authRegion":"","region":"us-east-1"})" << Field::Region << "us-east-1";
    QTest::newRow("region is not the api region") << R"({"region":"eu-central-1"})" << Field::ApiRegion << "";
    QTest::newRow("name before label") << R"({"label":"l","name":"n"})" << Field::Name << "n";
    QTest::newRow("missing") << R"({})" << Field::AccessToken << "";
}

void TestCredentialCodec::precedence()
{
    QFETCH(QString, json);
    QFETCH(Field, field);
    QFETCH(QString, expected);
    QCOMPARE(readBack(CredentialCodec::read(object(json.toUtf8().constData())), field), expected);
}

void TestCredentialCodec::authMethodNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Method>("method");
    QTest::addColumn<QString>("error");
    QTest::newRow("social") << "social" << true << Method::Social << QString();
    QTest::newRow("Social") << "Social" << true << Method::Social << QString();
    QTest::newRow("SOCIAL padded") << " SOCIAL " << true << Method::Social << QString();
    QTest::newRow("idc") << "idc" << true << Method::Idc << QString();
    QTest::newRow("IdC (Kiro IDE)") << "IdC" << true << Method::Idc << QString();
    QTest::newRow("IDC") << "IDC" << true << Method::Idc << QString();
    QTest::newRow("builder-id") << "builder-id" << true << Method::Idc << QString();
    QTest::newRow("Builder-ID") << "Builder-ID" << true << Method::Idc << QString();
    QTest::newRow("iam") << "iam" << true << Method::Idc << QString();
    QTest::newRow("IAM") << "IAM" << true << Method::Idc << QString();
    QTest::newRow("empty") << "" << false << Method::Social << "no auth method given";
    QTest::newRow("unknown") << "github" << false << Method::Social
                             << R"(auth method "github" is not one of social, idc, builder-id, iam)";
    QTest::newRow("api key") << "api_key" << false << Method::Social << R"("api_key" is not one of)";
    QTest::newRow("external idp") << "External_IdP" << false << Method::Social << "ExternalIdp";
}

void TestCredentialCodec::authMethodNames()
{
    QFETCH(QString, name);
    QFETCH(bool, ok);
    QFETCH(Method, method);
    QFETCH(QString, error);
    const auto m = CredentialCodec::authMethodFromName(name);
    QCOMPARE(m.ok(), ok);
    if (ok) {
        QCOMPARE(*m, method);
        // The canonical name reads back as itself.
        QCOMPARE(*CredentialCodec::authMethodFromName(KiroCredential::authMethodName(*m)), *m);
    } else {
        QVERIFY2(m.error().contains(error), qPrintable(m.error()));
    }
}

void TestCredentialCodec::resolveAuthMethod_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("clientSecret");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<Method>("method");
    QTest::newRow("nothing: social") << ""
                                     << ""
                                     << ""
                                     << "" << true << Method::Social;
    QTest::newRow("client id and secret: idc") << ""
                                               << "c"
                                               << "s"
                                               << "" << true << Method::Idc;
    QTest::newRow("client id only: social") << ""
                                            << "c"
                                            << ""
                                            << "" << true << Method::Social;
    QTest::newRow("blank name infers") << "  "
                                       << "c"
                                       << "s"
                                       << "" << true << Method::Idc;
    QTest::newRow("BuilderId provider: idc") << ""
                                             << ""
                                             << ""
                                             << "BuilderId" << true << Method::Idc;
    QTest::newRow("Enterprise provider: idc") << ""
                                              << ""
                                              << ""
                                              << "Enterprise" << true << Method::Idc;
    QTest::newRow("Github provider: social") << ""
                                             << ""
                                             << ""
                                             << "Github" << true << Method::Social;
    QTest::newRow("explicit social beats client") << "social"
                                                  << "c"
                                                  << "s"
                                                  << "" << true << Method::Social;
    QTest::newRow("explicit social beats provider") << "social"
                                                    << ""
                                                    << ""
                                                    << "BuilderId" << true << Method::Social;
    QTest::newRow("explicit idc without client") << "idc"
                                                 << ""
                                                 << ""
                                                 << "" << true << Method::Idc;
    QTest::newRow("unknown name") << "oauth"
                                  << "c"
                                  << "s"
                                  << "" << false << Method::Social;
    QTest::newRow("ExternalIdp provider") << "social"
                                          << ""
                                          << ""
                                          << "ExternalIdp" << false << Method::Social;
}

void TestCredentialCodec::resolveAuthMethod()
{
    QFETCH(QString, name);
    QFETCH(QString, clientId);
    QFETCH(QString, clientSecret);
    QFETCH(QString, provider);
    QFETCH(bool, ok);
    QFETCH(Method, method);
    const auto m = CredentialCodec::resolveAuthMethod(name, clientId, clientSecret, provider);
    QCOMPARE(m.ok(), ok);
    if (ok)
        QCOMPARE(*m, method);
    else
        QVERIFY(!m.error().isEmpty());
    // read() applies the same rule to an object's fields.
    QJsonObject o;
    if (!name.isEmpty())
        o.insert(QStringLiteral("authMethod"), name);
    if (!clientId.isEmpty())
        o.insert(QStringLiteral("clientId"), clientId);
    if (!clientSecret.isEmpty())
        o.insert(QStringLiteral("clientSecret"), clientSecret);
    if (!provider.isEmpty())
        o.insert(QStringLiteral("provider"), provider);
    const CredentialReading r = CredentialCodec::read(o);
    QCOMPARE(r.problems.isEmpty(), ok);
    if (ok)
        QCOMPARE(r.credential.authMethod, method);
}

void TestCredentialCodec::roundTrip_data()
{
    QTest::addColumn<KiroCredential>("credential");
    QTest::newRow("every field") << fullCredential();
    KiroCredential bare;
    bare.refreshToken = QStringLiteral("aorOnly");
    QTest::newRow("refresh token only") << bare;
    KiroCredential idc = bare;
    idc.authMethod = Method::Idc;
    idc.clientId = QStringLiteral("c");
    idc.clientSecret = QStringLiteral("s");
    QTest::newRow("idc with client") << idc;
    KiroCredential explicitSocial = idc;
    explicitSocial.authMethod = Method::Social; // the name is written, so inference never overrides it
    QTest::newRow("social that has a client") << explicitSocial;
}

void TestCredentialCodec::roundTrip()
{
    QFETCH(KiroCredential, credential);
    const QJsonObject o = CredentialCodec::toJson(credential);
    const auto back = CredentialCodec::fromJson(o);
    QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error()));
    QCOMPARE(fields(*back), fields(credential));
    // Through bytes, as the keychain keeps it.
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    const auto fromBytes = CredentialCodec::fromJson(QJsonDocument::fromJson(bytes).object());
    QVERIFY(fromBytes.ok());
    QCOMPARE(fields(*fromBytes), fields(credential));
}

void TestCredentialCodec::storeFormat()
{
    // Secrets already in keychains and files were written in exactly this shape.
    QCOMPARE(CredentialCodec::toJson(fullCredential()),
             object(R"({"authMethod":"idc","refreshToken":"aorRefresh","accessToken":"aoaAccess",
                        "expiresAt":"2026-01-02T03:04:05Z","clientId":"cid","clientSecret":"csecret",
                        "profileArn":"arn:aws:codewhisperer:us-east-1:1:profile/X","region":"eu-central-1",
                        "apiRegion":"us-east-1",
                        "machineId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})"));
    KiroCredential bare;
    bare.refreshToken = QStringLiteral("r");
    QCOMPARE(CredentialCodec::toJson(bare), object(R"({"authMethod":"social","refreshToken":"r"})"));
}

void TestCredentialCodec::malformed_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("number token") << R"({"refreshToken":12345})"
                                  << "refreshToken: expected a string, not a number";
    QTest::newRow("boolean under snake key") << R"({"client_secret":true})"
                                             << "client_secret: expected a string, not a boolean";
    QTest::newRow("object") << R"({"profileArn":{"arn":"x"}})"
                            << "profileArn: expected a string, not an object";
    QTest::newRow("array") << R"({"machine_id":["a"]})"
                           << "machine_id: expected a string, not an array";
    QTest::newRow("unknown auth method") << R"({"authMethod":"github"})"
                                         << R"(auth method "github" is not one of social, idc, builder-id, iam)";
    QTest::newRow("auth method number") << R"({"auth_method":2})"
                                        << "auth_method: expected a string, not a number";
    QTest::newRow("external idp method") << R"({"authMethod":"external_idp"})"
                                         << "ExternalIdp";
    QTest::newRow("external idp provider") << R"({"provider":"ExternalIdp"})"
                                           << "ExternalIdp";
    QTest::newRow("number email") << R"({"email":5})"
                                  << "email: expected a string, not a number";
}

void TestCredentialCodec::malformed()
{
    QFETCH(QString, json);
    QFETCH(QString, error);
    const auto c = CredentialCodec::fromJson(object(json.toUtf8().constData()));
    QVERIFY(!c.ok());
    QVERIFY2(c.error().contains(error), qPrintable(c.error()));
}

void TestCredentialCodec::readKeepsTheRest()
{
    const CredentialReading r = CredentialCodec::read(
        object(R"({"refresh_token":"aorGood","clientSecret":42,"access_token":[1],"email":"a@example.com"})"));
    QCOMPARE(r.problems.size(), 2);
    QVERIFY(r.problems.at(0).startsWith(QLatin1String("access_token:")));
    QVERIFY(r.problems.at(1).startsWith(QLatin1String("clientSecret:")));
    QCOMPARE(r.credential.refreshToken, QStringLiteral("aorGood"));
    QCOMPARE(r.email, QStringLiteral("a@example.com"));
    QVERIFY(!r.credential.expiresAt.isValid());
    // All problems at once, joined.
    const auto c = CredentialCodec::fromJson(object(R"({"clientSecret":42,"accessToken":true})"));
    QVERIFY(c.error().contains(QLatin1String("; ")));
    // A value of the wrong type is never echoed (it may be a secret).
    QVERIFY(!CredentialCodec::fromJson(object(R"({"refreshToken":["aorSECRET"]})"))
                 .error()
                 .contains(QLatin1String("SECRET")));
}

// The expiry only saves a refresh: numbers are epoch seconds or milliseconds, and a value that cannot be read leaves
// the credential without one (refreshed before first use) instead of refusing the account.
void TestCredentialCodec::expiry_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QDateTime>("expected");
    const QDateTime at(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("rfc 3339") << R"({"expiresAt":"2026-01-01T00:00:00Z"})" << at;
    QTest::newRow("epoch seconds") << R"({"expiresAt":1767225600})" << at;
    QTest::newRow("epoch milliseconds") << R"({"expires_at":1767225600000})" << at;
    QTest::newRow("unreadable") << R"({"expiresAt":"tomorrow"})" << QDateTime();
    QTest::newRow("impossible") << R"({"expires_at":"2026-13-01T00:00:00Z"})" << QDateTime();
    QTest::newRow("boolean") << R"({"expiresAt":true})" << QDateTime();
    // fuzz_credentials: 1.8e101 ms read as a date in year 292 million, which the store wrote back unreadable.
    QTest::newRow("beyond year 9999") << R"({"expires_at":1.8e101})" << QDateTime();
    QTest::newRow("year 9999") << R"({"expiresAt":253402300799000})"
                               << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59), Qt::UTC);
}

void TestCredentialCodec::expiry()
{
    QFETCH(QString, json);
    QFETCH(QDateTime, expected);
    const CredentialReading r = CredentialCodec::read(object(json.toUtf8().constData()));
    QVERIFY2(r.problems.isEmpty() || !r.problems.join(QString()).contains(QLatin1String("expires")),
             qPrintable(r.problems.join(QStringLiteral("; "))));
    QCOMPARE(r.credential.expiresAt.isValid(), expected.isValid());
    if (expected.isValid())
        QCOMPARE(r.credential.expiresAt, expected);
}

void TestCredentialCodec::writeRefreshed_data()
{
    QTest::addColumn<QString>("before");
    QTest::addColumn<bool>("full");
    QTest::addColumn<QString>("after");
    QTest::newRow("camelCase keeps unknown keys")
        << R"({"refreshToken":"old","authMethod":"social","note":"keep","priority":2})" << true
        << R"({"refreshToken":"aorRefresh","authMethod":"social","note":"keep","priority":2,"accessToken":"aoaAccess",
               "expiresAt":"2026-01-02T03:04:05Z","profileArn":"arn:aws:codewhisperer:us-east-1:1:profile/X",
               "machineId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})";
    QTest::newRow("snake_case stays snake_case")
        << R"({"refresh_token":"old","access_token":"old","expires_at":"x","profile_arn":null,"machine_id":"m"})"
        << true << R"({"refresh_token":"aorRefresh","access_token":"aoaAccess","expires_at":"2026-01-02T03:04:05Z",
               "profile_arn":"arn:aws:codewhisperer:us-east-1:1:profile/X",
               "machine_id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})";
    QTest::newRow("both spellings updated") << R"({"refreshToken":"old","refresh_token":"old"})" << false
                                            << R"({"refreshToken":"r","refresh_token":"r","accessToken":""})";
    QTest::newRow("unset fields left alone")
        << R"({"refreshToken":"old","expiresAt":"2020-01-01T00:00:00Z","profileArn":"keep","machineId":"keep"})"
        << false << R"({"refreshToken":"r","accessToken":"","expiresAt":"2020-01-01T00:00:00Z","profileArn":"keep",
               "machineId":"keep"})";
}

void TestCredentialCodec::writeRefreshed()
{
    QFETCH(QString, before);
    QFETCH(bool, full);
    QFETCH(QString, after);
    KiroCredential bare;
    bare.refreshToken = QStringLiteral("r");
    const QJsonObject written =
        CredentialCodec::writeRefreshed(object(before.toUtf8().constData()), full ? fullCredential() : bare);
    QCOMPARE(written, object(after.toUtf8().constData()));
    QCOMPARE(CredentialCodec::read(written).credential.refreshToken,
             full ? QStringLiteral("aorRefresh") : bare.refreshToken);
}

QTEST_GUILESS_MAIN(TestCredentialCodec)
#include "tst_credentialcodec.moc"
