// SPDX-License-Identifier: MIT
// CredentialImporter: one parser for every credential shape users paste (Kiro IDE export and cache, seed, pool fork).
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include "kiro/kirocredential.h"

struct ImportCandidate
{
    KiroCredential credential;
    QString name;
    QString email;
    QString provider;
    QString refreshTokenHash;
    QStringList problems;   ///< empty = importable; in the user's language and plain words
    bool duplicate = false; ///< already in the pool or earlier in the same paste
    bool importable() const { return problems.isEmpty() && !duplicate; }
};

struct ImportParse
{
    QList<ImportCandidate> candidates;
    QString error; ///< the whole text could not be read (with position); in the user's language
};

/// Reads pasted or exported credentials into import candidates. What it says is shown to users: translated
/// (context "CredentialImporter") and without jargon.
class CredentialImporter
{
    Q_DECLARE_TR_FUNCTIONS(CredentialImporter)
public:
    /// Parses pasted text. `existingHashes` are refresh-token hashes already in the pool.
    static ImportParse parse(const QString &text, const QSet<QString> &existingHashes = {});
    /// Reads the local Kiro IDE login: <home>/.aws/sso/cache/kiro-auth-token.json (+ the clientIdHash companion).
    static ImportParse importFromKiroIde(const QString &home, const QSet<QString> &existingHashes = {});
    /// How the account signs in, in plain words: "GitHub sign-in", "AWS Builder ID", "IAM Identity Center", …
    static QString loginKind(const ImportCandidate &candidate);
    /// The same words for an account already in the pool.
    static QString loginKind(KiroCredential::AuthMethod method, const QString &provider);
    /// Where Kiro keeps what can be imported, for the import dialog to tell the user.
    static QString whereToFindExports();
};
