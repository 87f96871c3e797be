// SPDX-License-Identifier: MIT
// KiroJsonCall: one small JSON request to a Kiro runtime endpoint (usage limits, model list, MCP tools).
#pragma once

#include <functional>

#include <QByteArray>

#include "common/expected.h"
#include "kiro/upstreamerror.h"

class QNetworkAccessManager;
class QObject;
struct KiroHttpRequest;

namespace KiroJsonCall {

/// The 200 body, or the failure classified once (HTTP status with Kiro's reason/message, network, timeout).
using Callback = std::function<void(const Expected<QByteArray, UpstreamError> &)>;

/// Sends a request built by KiroRequests through `nam` (whose proxy its owner set). `done` runs once, on `context`'s
/// thread, unless `context` is gone by then. At most `maxBody` bytes are kept.
void send(QNetworkAccessManager &nam, const KiroHttpRequest &request, QObject *context, Callback done,
          qint64 maxBody = 1024 * 1024);

} // namespace KiroJsonCall
