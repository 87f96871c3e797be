// SPDX-License-Identifier: MIT
// MachineId: the 64-hex machine fingerprint Kiro expects in its user agents (docs/protocol.md §4.3).
#pragma once

#include <QString>

#include "kiro/kirocredential.h"

class MachineId
{
public:
    /// credential.machineId → config machineId → sha256("KotlinNativeAPI/" + refreshToken), lower-case hex.
    static QString derive(const KiroCredential &credential, const QString &configMachineId);
    /// 64 hex chars as-is (lower-cased); a UUID becomes its 32 hex digits twice; anything else → empty.
    static QString normalize(const QString &value);
};
