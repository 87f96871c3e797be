// SPDX-License-Identifier: MIT
// RunState: what the routes need to know about the running service (paused, up since when), owned by ProxyService.
#pragma once

#include <QElapsedTimer>

struct RunState
{
    bool paused = false; ///< the server keeps listening but /v1/messages answers 503 "Kiro Tray is paused"
    QElapsedTimer uptime;

    qint64 uptimeSeconds() const { return uptime.isValid() ? uptime.elapsed() / 1000 : 0; }
};
