// SPDX-License-Identifier: MIT
// CredentialImporter: one parser for every credential shape users paste (Kiro IDE export and cache, seed, pool fork).
#pragma once

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
    QStringList problems;   ///< empty = importable
    bool duplicate = false; ///< already in the pool or earlier in the same paste
    bool importable() const { return problems.isEmpty() && !duplicate; }
};

struct ImportParse
{
    QList<ImportCandidate> candidates;
    QString error; ///< the whole text could not be read (with position)
};

class CredentialImporter
{
public:
    /// Parses pasted text. `existingHashes` are refresh-token hashes already in the pool.
    static ImportParse parse(const QString &text, const QSet<QString> &existingHashes = {});
    /// Reads the local Kiro IDE login: <home>/.aws/sso/cache/kiro-auth-token.json (+ the clientIdHash companion).
    static ImportParse importFromKiroIde(const QString &home, const QSet<QString> &existingHashes = {});
};
