// SPDX-License-Identifier: MIT
// Redactor: the one choke point that removes secrets from every string leaving the process (logs, errors, files).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

struct KiroCredential;

/// Replaces secrets with "[redacted]": every registered value (exact, also a truncated head of one), and text shaped
/// like a token (Bearer values, Authorization and token/secret/key/password fields, JWTs, Kiro tokens, our API keys,
/// random-looking base64/hex runs of 40 or more characters). Thread-safe: the Qt message handler calls it from any
/// thread.
class Redactor
{
public:
    Redactor() = delete;

    /// The text with every secret replaced; the rest of it is kept as it was.
    static QString scrub(const QString &text);
    /// The same for UTF-8 bytes.
    static QByteArray scrub(const QByteArray &text);

    /// Values shorter than kMinimumLength are ignored (they would match ordinary words). Registrations are counted:
    /// a value stays registered until it is unregistered as often as it was registered.
    static void registerSecret(const QString &value);
    static void unregisterSecret(const QString &value);
    /// The refresh token, access token and client secret of a credential.
    static void registerCredential(const KiroCredential &credential);
    static void unregisterCredential(const KiroCredential &credential);

    /// How many distinct values are registered (for tests).
    static int registeredCount();

    static constexpr int kMinimumLength = 8;
    static QString replacement() { return QStringLiteral("[redacted]"); }
};
