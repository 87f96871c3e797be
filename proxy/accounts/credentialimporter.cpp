// SPDX-License-Identifier: MIT
// CredentialImporter: camelCase and snake_case, objects, arrays and wrappers; every rejection says why.
#include "accounts/credentialimporter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include "accounts/account.h"
#include "kiro/client/tokenrefresher.h"
#include "kiro/credentialcodec.h"

namespace {

QString position(const QString &text, int offset)
{
    const QByteArray utf8 = text.toUtf8();
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < utf8.size(); ++i) {
        if (utf8.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return CredentialImporter::tr("line %1, column %2").arg(QLocale().toString(line), QLocale().toString(column));
}

/// The refresh token's problem in plain words; TokenRefresher::sanityProblem decides whether there is one.
QString refreshTokenProblem(const QString &token)
{
    if (TokenRefresher::sanityProblem(token).isEmpty())
        return {};
    if (token.trimmed().isEmpty())
        return CredentialImporter::tr("This entry has no refresh token — export it again from Kiro.");
    if (token.contains(QLatin1String("...")))
        return CredentialImporter::tr(
            "The refresh token is incomplete (it contains “...”, as shortened displays write it) — copy the whole "
            "token.");
    return CredentialImporter::tr("The refresh token is too short (%n characters; real ones have 100 or more) — "
                                  "copy the whole token.",
                                  nullptr, int(token.size()));
}

/// CredentialCodec names a problem by its key, in English, for logs; the user reads it in plain words. A problem
/// not recognised here is shown as the codec wrote it.
QString plainWords(const QString &problem)
{
    static const QRegularExpression notText(QStringLiteral("^(\\w+): expected a string, not (.+)$"));
    static const QRegularExpression unknownMethod(QStringLiteral("^auth method \"(.*)\" is not one of"));
    if (problem.contains(QLatin1String("ExternalIdp")))
        return CredentialImporter::tr("Sign-in through an organisation's own identity provider (ExternalIdp) is not "
                                      "supported yet.");
    if (const QRegularExpressionMatch m = notText.match(problem); m.hasMatch()) {
        const QString type = m.captured(2);
        const QString what = type == QLatin1String("a number")    ? CredentialImporter::tr("a number")
                             : type == QLatin1String("a boolean") ? CredentialImporter::tr("true or false")
                             : type == QLatin1String("an array")  ? CredentialImporter::tr("a list")
                                                                  : CredentialImporter::tr("an object");
        return CredentialImporter::tr("“%1” should be text, not %2 — is this really a Kiro export?")
            .arg(m.captured(1), what);
    }
    if (const QRegularExpressionMatch m = unknownMethod.match(problem); m.hasMatch())
        return CredentialImporter::tr("Unknown sign-in type “%1”: Kiro accounts sign in with GitHub or Google, AWS "
                                      "Builder ID or IAM Identity Center.")
            .arg(m.captured(1));
    return problem;
}

ImportCandidate candidateFrom(const QJsonObject &o)
{
    const CredentialReading read = CredentialCodec::read(o);
    ImportCandidate c;
    c.credential = read.credential;
    c.name = read.name.isEmpty() ? read.email : read.name;
    c.email = read.email;
    c.provider = read.provider;
    for (const QString &problem : read.problems)
        c.problems.append(plainWords(problem));
    const KiroCredential &k = c.credential;
    const QString problem = refreshTokenProblem(k.refreshToken);
    if (!problem.isEmpty())
        c.problems.append(problem);
    if (k.authMethod == KiroCredential::AuthMethod::Idc && (k.clientId.isEmpty() || k.clientSecret.isEmpty()))
        c.problems.append(
            CredentialImporter::tr("This AWS Builder ID / IAM Identity Center login lacks its clientId and "
                                   "clientSecret — import the Kiro IDE login instead (it finds them), or export the "
                                   "account again with them."));
    if (!k.refreshToken.isEmpty())
        c.refreshTokenHash = Account::hashToken(k.refreshToken);
    if (c.name.isEmpty()) {
        const QString who = c.provider.isEmpty() ? QStringLiteral("Kiro") : c.provider;
        c.name = CredentialImporter::tr("%1 account %2").arg(who, c.refreshTokenHash.left(6));
    }
    return c;
}

void collect(const QJsonValue &v, QList<QJsonObject> &out)
{
    if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            collect(item, out);
        return;
    }
    if (v.isString()) {
        // JSON inside a JSON string (some exports double-encode).
        const QJsonDocument inner = QJsonDocument::fromJson(v.toString().toUtf8());
        if (inner.isObject())
            collect(inner.object(), out);
        else if (inner.isArray())
            collect(inner.array(), out);
        return;
    }
    if (!v.isObject())
        return;
    const QJsonObject o = v.toObject();
    for (const char *wrapper : {"accounts", "data", "credentials", "items"}) {
        const QJsonValue w = o.value(QLatin1String(wrapper));
        if (w.isArray() || w.isObject()) {
            collect(w, out);
            return;
        }
    }
    out.append(o);
}

ImportParse finish(QList<QJsonObject> objects, const QSet<QString> &existing)
{
    ImportParse r;
    QSet<QString> seen = existing;
    for (const QJsonObject &o : objects) {
        ImportCandidate c = candidateFrom(o);
        if (!c.refreshTokenHash.isEmpty()) {
            c.duplicate = seen.contains(c.refreshTokenHash);
            seen.insert(c.refreshTokenHash);
        }
        r.candidates.append(c);
    }
    if (r.candidates.isEmpty())
        r.error = CredentialImporter::tr("No Kiro account in this text: an account needs a refresh token "
                                         "(refreshToken). Paste what Kiro exported — one account or a list.");
    return r;
}

} // namespace

ImportParse CredentialImporter::parse(const QString &text, const QSet<QString> &existingHashes)
{
    ImportParse r;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        r.error = tr("Nothing to import: paste the JSON that Kiro exported.");
        return r;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        r.error = tr("This is not valid JSON (%1): %2").arg(position(trimmed, error.offset), error.errorString());
        return r;
    }
    QList<QJsonObject> objects;
    collect(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), objects);
    return finish(objects, existingHashes);
}

ImportParse CredentialImporter::importFromKiroIde(const QString &home, const QSet<QString> &existingHashes)
{
    ImportParse r;
    const QDir cache(QDir(home).filePath(QStringLiteral(".aws/sso/cache")));
    QFile f(cache.filePath(QStringLiteral("kiro-auth-token.json")));
    if (!f.open(QIODevice::ReadOnly)) {
        r.error =
            tr("No Kiro IDE login found at %1 — sign in to Kiro first.").arg(QDir::toNativeSeparators(f.fileName()));
        return r;
    }
    QJsonParseError error;
    QJsonObject o = QJsonDocument::fromJson(f.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        r.error = tr("%1 is not valid JSON: %2").arg(QDir::toNativeSeparators(f.fileName()), error.errorString());
        return r;
    }
    const QString hash = o.value(QStringLiteral("clientIdHash")).toString();
    if (!hash.isEmpty() && !o.contains(QStringLiteral("clientSecret"))) {
        QFile companion(cache.filePath(hash + QStringLiteral(".json")));
        if (companion.open(QIODevice::ReadOnly)) {
            const QJsonObject c = QJsonDocument::fromJson(companion.readAll()).object();
            o.insert(QStringLiteral("clientId"), c.value(QStringLiteral("clientId")));
            o.insert(QStringLiteral("clientSecret"), c.value(QStringLiteral("clientSecret")));
        }
    }
    if (!o.contains(QStringLiteral("label")) && !o.contains(QStringLiteral("email")))
        o.insert(QStringLiteral("label"), tr("Kiro IDE login"));
    return finish({o}, existingHashes);
}

QString CredentialImporter::loginKind(const ImportCandidate &candidate)
{
    return loginKind(candidate.credential.authMethod, candidate.provider);
}

QString CredentialImporter::loginKind(KiroCredential::AuthMethod method, const QString &providerName)
{
    const QString provider = providerName.toLower();
    if (method == KiroCredential::AuthMethod::Idc) {
        if (provider == QLatin1String("builderid"))
            return tr("AWS Builder ID");
        if (provider == QLatin1String("enterprise"))
            return tr("IAM Identity Center");
        return tr("AWS Builder ID / IAM Identity Center");
    }
    if (provider == QLatin1String("github"))
        return tr("GitHub sign-in");
    if (provider == QLatin1String("google"))
        return tr("Google sign-in");
    return tr("GitHub/Google sign-in");
}

QString CredentialImporter::whereToFindExports()
{
    return tr("Where to find it: the Kiro IDE keeps its login in %1 (the button below reads it, with the client id "
              "and secret from the file next to it); a Kiro account manager's export (accounts.json), kiro.rs "
              "credentials.json and Kiro Tray's own exports work as they are.")
        .arg(QDir::toNativeSeparators(QStringLiteral("~/.aws/sso/cache/kiro-auth-token.json")));
}
