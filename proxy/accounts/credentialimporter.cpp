// SPDX-License-Identifier: MIT
// CredentialImporter: camelCase and snake_case, objects, arrays and wrappers; every rejection says why.
#include "accounts/credentialimporter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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
    return QStringLiteral("line %1, column %2").arg(line).arg(column);
}

ImportCandidate candidateFrom(const QJsonObject &o)
{
    const CredentialReading read = CredentialCodec::read(o);
    ImportCandidate c;
    c.credential = read.credential;
    c.name = read.name.isEmpty() ? read.email : read.name;
    c.email = read.email;
    c.provider = read.provider;
    c.problems = read.problems;
    const KiroCredential &k = c.credential;
    const QString problem = TokenRefresher::sanityProblem(k.refreshToken);
    if (!problem.isEmpty())
        c.problems.append(problem);
    if (k.authMethod == KiroCredential::AuthMethod::Idc && (k.clientId.isEmpty() || k.clientSecret.isEmpty()))
        c.problems.append(QStringLiteral("IdC (Builder ID / Enterprise) login without clientId and clientSecret"));
    if (!k.refreshToken.isEmpty())
        c.refreshTokenHash = Account::hashToken(k.refreshToken);
    if (c.name.isEmpty()) {
        const QString who = c.provider.isEmpty() ? QStringLiteral("Kiro") : c.provider;
        c.name = QStringLiteral("%1 account %2").arg(who, c.refreshTokenHash.left(6));
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
        r.error = QStringLiteral(
            "no credential found: paste a Kiro credential object (with refreshToken) or an array of them");
    return r;
}

} // namespace

ImportParse CredentialImporter::parse(const QString &text, const QSet<QString> &existingHashes)
{
    ImportParse r;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        r.error = QStringLiteral("nothing to import: paste the JSON that Kiro exported");
        return r;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        r.error = QStringLiteral("not valid JSON at %1: %2").arg(position(trimmed, error.offset), error.errorString());
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
        r.error = QStringLiteral("no Kiro IDE login found at %1 — sign in to Kiro first").arg(f.fileName());
        return r;
    }
    QJsonParseError error;
    QJsonObject o = QJsonDocument::fromJson(f.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        r.error = QStringLiteral("%1 is not valid JSON: %2").arg(f.fileName(), error.errorString());
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
        o.insert(QStringLiteral("label"), QStringLiteral("Kiro IDE login"));
    return finish({o}, existingHashes);
}
