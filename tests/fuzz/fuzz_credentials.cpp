// SPDX-License-Identifier: MIT
// Fuzzes what the import dialog and --import read: CredentialImporter::parse of pasted text (the pure part of
// AccountService::parseImport), CredentialCodec on each object, and the secret stores' round trip
// (CredentialCodec::toJson → fromJson). The input is the pasted text.
#include <QJsonObject>
#include <QSet>

#include "accounts/account.h"
#include "accounts/credentialimporter.h"
#include "fuzzsupport.h"
#include "kiro/credentialcodec.h"

namespace {

bool sameExceptExpiry(const KiroCredential &a, const KiroCredential &b)
{
    return a.authMethod == b.authMethod && a.refreshToken == b.refreshToken && a.accessToken == b.accessToken &&
           a.clientId == b.clientId && a.clientSecret == b.clientSecret && a.profileArn == b.profileArn &&
           a.region == b.region && a.apiRegion == b.apiRegion && a.machineId == b.machineId;
}

// What a secret store keeps must read back as the same credential (the expiry to the second: ISO dates drop ms).
void roundTrip(const KiroCredential &credential)
{
    const auto back = CredentialCodec::fromJson(CredentialCodec::toJson(credential));
    FuzzSupport::require(back.ok(), "a stored credential does not read back");
    FuzzSupport::require(sameExceptExpiry(credential, *back), "a stored credential reads back changed");
    FuzzSupport::require(credential.expiresAt.isValid() == back->expiresAt.isValid(), "expiry lost in the store");
    if (credential.expiresAt.isValid())
        FuzzSupport::require(qAbs(credential.expiresAt.secsTo(back->expiresAt)) <= 1, "expiry moved in the store");

    KiroCredential rotated = credential;
    rotated.refreshToken += QStringLiteral("-rotated");
    const QJsonObject written = CredentialCodec::writeRefreshed(CredentialCodec::toJson(credential), rotated);
    const auto reread = CredentialCodec::fromJson(written);
    FuzzSupport::require(reread.ok() && reread->refreshToken == rotated.refreshToken, "a rotated token is lost");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(FuzzSupport::bytes(data, size));
    static const QSet<QString> existing{
        Account::hashToken(QStringLiteral("aorAAAAAGexistingexistingexistingexistingexistingexistingexisting"))};
    const ImportParse parsed = CredentialImporter::parse(text, existing);
    FuzzSupport::require(parsed.error.isEmpty() || parsed.candidates.isEmpty(), "an error and candidates at once");
    for (const ImportCandidate &candidate : parsed.candidates) {
        FuzzSupport::require(!candidate.name.isEmpty(), "a candidate without a name");
        if (candidate.importable())
            roundTrip(candidate.credential);
    }
    return 0;
}
