// SPDX-License-Identifier: MIT
// SeedCredentials: the seed project's credentials.json (object or array) for single-account mode, with write-back.
#pragma once

#include <QList>
#include <QString>

#include "common/expected.h"
#include "kiro/kirocredential.h"

class SeedCredentials
{
public:
    /// Reads credentials.json. Errors name the file and what is wrong.
    static Expected<QList<KiroCredential>, QString> read(const QString &path);
    /// Writes a refreshed credential back into entry `index`, keeping the file's shape and unknown fields.
    static Expected<bool, QString> writeBack(const QString &path, int index, const KiroCredential &credential);
};
