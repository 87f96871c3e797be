// SPDX-License-Identifier: MIT
// KiroJsonCall: one small JSON request to a Kiro runtime endpoint (usage limits, model list, MCP tools).
#pragma once

#include <functional>

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include "common/expected.h"
#include "kiro/kirocredential.h"
#include "kiro/upstreamerror.h"

class QNetworkAccessManager;
class QObject;
struct Config;

namespace KiroJsonCall {

using Headers = QList<QPair<QByteArray, QByteArray>>;
/// The 200 body, or the failure classified once (HTTP status with Kiro's reason/message, network, timeout).
using Callback = std::function<void(const Expected<QByteArray, UpstreamError> &)>;

/// The runtime API's base URL for a credential (its api region, else the configured one) plus `path`.
QUrl url(const Config &config, const KiroCredential &credential, const QString &path);

/// Sends GET (empty `body`) or POST (JSON `body`) with the Kiro IDE runtime header set and the account's bearer token.
/// `done` runs once, on `context`'s thread, unless `context` is gone by then. At most `maxBody` bytes are kept.
void send(QNetworkAccessManager *nam, const Config &config, const QUrl &url, const KiroCredential &credential,
          const QString &machineId, const QByteArray &body, const Headers &extraHeaders, QObject *context,
          Callback done, qint64 maxBody = 1024 * 1024);

} // namespace KiroJsonCall
