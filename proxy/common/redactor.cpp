// SPDX-License-Identifier: MIT
// Redactor: registered secrets by exact match, then token-shaped text by pattern (docs/architecture.md §6).
#include "common/redactor.h"

#include <algorithm>

#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>

#include "kiro/kirocredential.h"

namespace {

// A secret cut short (an error body truncated to 200 characters) is still found by its first characters.
constexpr qsizetype kHeadLength = 12;
// The shortest run of token characters worth a pattern scan when no keyword is present: every token shape below is
// longer (Bearer values and fields have keywords).
constexpr int kShortestShape = 16;
constexpr int kLongRun = 40;

struct Registry
{
    QMutex mutex;
    QHash<QString, int> counts;
    QStringList longestFirst; ///< the keys of `counts`, longest first (a secret containing another is replaced whole)
};

// Never destroyed: the message handler may scrub a line after static destruction has begun (at exit).
Registry &registry()
{
    static Registry *r = new Registry;
    return *r;
}

void rebuild(Registry &r)
{
    r.longestFirst = r.counts.keys();
    std::sort(r.longestFirst.begin(), r.longestFirst.end(),
              [](const QString &a, const QString &b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
}

bool isAlnum(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
}

bool isTokenChar(QChar c)
{
    const char16_t u = c.unicode();
    return isAlnum(c) || u == '+' || u == '/' || u == '_' || u == '-' || u == '=' || u == '.' || u == ':' || u == '~';
}

// Every registered value, and a head of one at least kHeadLength long that stops where the text or the token stops.
QString scrubRegistered(const QString &text, const QStringList &secrets)
{
    QString out = text;
    for (const QString &secret : secrets) {
        const QStringView head = QStringView(secret).left(std::min(secret.size(), kHeadLength));
        qsizetype from = 0;
        qsizetype at;
        while ((at = out.indexOf(head, from)) >= 0) {
            qsizetype length = head.size();
            while (length < secret.size() && at + length < out.size() && out.at(at + length) == secret.at(length))
                ++length;
            const bool whole = length == secret.size();
            const bool cutShort = at + length == out.size() || !isAlnum(out.at(at + length));
            if (whole || cutShort) {
                out.replace(at, length, Redactor::replacement());
                from = at + Redactor::replacement().size();
            } else {
                from = at + 1;
            }
        }
    }
    return out;
}

bool mentionsSecrets(QStringView text)
{
    int run = 0;
    for (const QChar c : text) {
        run = isTokenChar(c) ? run + 1 : 0;
        if (run >= kShortestShape)
            return true;
    }
    static const char *const keywords[] = {"token", "secret", "key", "passw", "authoriz", "bearer", "@"};
    for (const char *keyword : keywords) {
        if (text.contains(QLatin1String(keyword), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// A run of 40+ base64/hex characters is a secret when it is all hex, or when it mixes cases the way random text does:
// between two adjacent letters or digits, the class (upper, lower, digit) changes at 40 % or more of the pairs. Random
// base64 changes at about 60 % of them; words, CamelCase names and paths (separators do not count) at 20 % or less, so
// long identifiers and paths survive.
bool looksRandom(QStringView run)
{
    while (run.endsWith(QLatin1Char('=')))
        run.chop(1);
    bool allHex = true;
    bool upper = false;
    bool lower = false;
    int pairs = 0;
    int changes = 0;
    int previous = -1; // the class of the previous character, -1 after a separator
    for (const QChar c : run) {
        const char16_t u = c.unicode();
        int kind = -1;
        if (u >= 'A' && u <= 'Z') {
            kind = 0;
            upper = true;
        } else if (u >= 'a' && u <= 'z') {
            kind = 1;
            lower = true;
        } else if (u >= '0' && u <= '9') {
            kind = 2;
        }
        if (!((u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') || (u >= 'A' && u <= 'F')))
            allHex = false;
        if (previous >= 0 && kind >= 0) {
            ++pairs;
            if (kind != previous)
                ++changes;
        }
        previous = kind;
    }
    if (allHex)
        return true;
    return upper && lower && pairs > 0 && changes * 10 >= pairs * 4;
}

struct Rule
{
    QRegularExpression pattern;
    int group;                             ///< the captured group that is replaced (0: the whole match)
    bool (*accept)(QStringView) = nullptr; ///< null: every match
};

const QList<Rule> &rules()
{
    using RE = QRegularExpression;
    // Never destroyed, like the registry.
    static const QList<Rule> *table = [] {
        QList<Rule> t{
            // user:password@ in a URL (an outbound proxy with credentials).
            {RE(QStringLiteral(R"(\b([a-z][a-z0-9+.-]*://[^\s/:@"']+:)([^\s/@"']+)@)"), RE::CaseInsensitiveOption), 2},
            // A field named like a secret, in JSON (also escaped inside a JSON string), a form, a header or a log:
            // the name stays, the value goes.
            {RE(QStringLiteral(R"((?<![A-Za-z0-9_-])((?:refresh[_-]?token|access[_-]?token|id[_-]?token|)"
                               R"(session[_-]?token|client[_-]?secret|(?:x-)?(?:admin[_-]?)?api[_-]?key|)"
                               R"((?:proxy[_-]?)?password|passwd|authorization)\\?["']?\s*[:=]\s*\\?["']?)"
                               R"((?:(?:bearer|basic|token)\s+)?)([^\s"'\\&,;<>{}\[\]]+))"),
                RE::CaseInsensitiveOption),
             2},
            // "Bearer <token>": the value must look like a token (a digit or symbol in it), so that Kiro's own
            // "The bearer token included in the request is invalid" keeps its words.
            {RE(QStringLiteral(R"(\b(bearer\s+)((?=[A-Za-z0-9._~+/=:-]*[0-9_~+/=-])[A-Za-z0-9._~+/=:-]{8,}))"),
                RE::CaseInsensitiveOption),
             2},
            // JWT (OIDC id and access tokens).
            {RE(QStringLiteral(R"(\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?)")), 0},
            // Kiro's refresh (aor…) and access (aoa…) tokens.
            {RE(QStringLiteral(R"(\bao[ar][A-Za-z0-9+/=_:-]{20,})")), 0},
            // Our API keys (kt-…) and Anthropic-style keys (sk-…).
            {RE(QStringLiteral(R"(\b(?:kt|sk)-[A-Za-z0-9_-]{16,})")), 0},
            // Any other long base64/base64url/hex run that looks random.
            {RE(QStringLiteral(R"((?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{%1,}={0,2})").arg(kLongRun)), 0, looksRandom},
        };
        for (Rule &rule : t)
            rule.pattern.optimize();
        return new QList<Rule>(std::move(t));
    }();
    return *table;
}

QString applyRule(const QString &text, const Rule &rule)
{
    QRegularExpressionMatchIterator it = rule.pattern.globalMatch(text);
    QString out;
    qsizetype last = 0;
    bool changed = false;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        if (rule.accept && !rule.accept(m.capturedView(rule.group)))
            continue;
        const qsizetype start = m.capturedStart(rule.group);
        out.append(QStringView(text).mid(last, start - last));
        out.append(Redactor::replacement());
        last = m.capturedEnd(rule.group);
        changed = true;
    }
    if (!changed)
        return text;
    out.append(QStringView(text).mid(last));
    return out;
}

} // namespace

QString Redactor::scrub(const QString &text)
{
    if (text.isEmpty())
        return text;
    QStringList secrets;
    {
        Registry &r = registry();
        QMutexLocker lock(&r.mutex);
        secrets = r.longestFirst;
    }
    QString out = secrets.isEmpty() ? text : scrubRegistered(text, secrets);
    if (!mentionsSecrets(out))
        return out;
    for (const Rule &rule : rules())
        out = applyRule(out, rule);
    return out;
}

QByteArray Redactor::scrub(const QByteArray &text)
{
    if (text.isEmpty())
        return text;
    const QString in = QString::fromUtf8(text);
    const QString out = scrub(in);
    return out == in ? text : out.toUtf8();
}

void Redactor::registerSecret(const QString &value)
{
    if (value.size() < kMinimumLength)
        return;
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    if (++r.counts[value] == 1)
        rebuild(r);
}

void Redactor::unregisterSecret(const QString &value)
{
    if (value.size() < kMinimumLength)
        return;
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    const auto it = r.counts.find(value);
    if (it == r.counts.end())
        return;
    if (--it.value() <= 0) {
        r.counts.erase(it);
        rebuild(r);
    }
}

void Redactor::registerCredential(const KiroCredential &credential)
{
    registerSecret(credential.refreshToken);
    registerSecret(credential.accessToken);
    registerSecret(credential.clientSecret);
}

void Redactor::unregisterCredential(const KiroCredential &credential)
{
    unregisterSecret(credential.refreshToken);
    unregisterSecret(credential.accessToken);
    unregisterSecret(credential.clientSecret);
}

int Redactor::registeredCount()
{
    Registry &r = registry();
    QMutexLocker lock(&r.mutex);
    return int(r.counts.size());
}
