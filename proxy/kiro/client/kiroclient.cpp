// SPDX-License-Identifier: MIT
// KiroClient: one KiroCall per request, all reading the same live configuration.
#include "kiro/client/kiroclient.h"

#include <QTimer>

KiroClient::KiroClient(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{}

KiroClient::~KiroClient() = default;

KiroCall *KiroClient::send(const QByteArray &body, const KiroCredential &credential, const KiroCallOptions &options)
{
    auto *call = new KiroCall(m_config, body, credential, options);
    QTimer::singleShot(0, call, &KiroCall::start);
    return call;
}
