// SPDX-License-Identifier: MIT
// KiroClient: starts generateAssistantResponse calls (KiroCall) against the live configuration.
#pragma once

#include <QByteArray>
#include <QObject>

#include "kiro/client/kirocall.h"
#include "kiro/kirocredential.h"

struct Config;

class KiroClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KiroClient)
public:
    /// `config` is the live configuration, owned by the caller; it must outlive this client and every call it starts.
    explicit KiroClient(const Config &config, QObject *parent = nullptr);
    ~KiroClient() override;

    /// Starts a call with `body` (the serialised conversationState request) on the next event-loop turn (so the caller
    /// can connect first); the caller owns the returned object (deleteLater when done).
    KiroCall *send(const QByteArray &body, const KiroCredential &credential, const KiroCallOptions &options);

private:
    const Config &m_config;
};
