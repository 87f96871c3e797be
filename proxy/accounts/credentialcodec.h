// SPDX-License-Identifier: MIT
// CredentialCodec: the JSON a secret store keeps for one account (refresh/access token, expiry, client id/secret).
#pragma once

#include <QJsonObject>

#include "kiro/kirocredential.h"

class CredentialCodec
{
public:
    static QJsonObject toJson(const KiroCredential &credential);
    static KiroCredential fromJson(const QJsonObject &object);
};
