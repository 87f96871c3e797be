// SPDX-License-Identifier: MIT
// TrayIcons: the app and tray state icons, painted so they read on light and dark panels.
#pragma once

#include <QColor>
#include <QIcon>

class TrayIcons
{
public:
    enum class State { Normal, Degraded, Unavailable, Paused };
    static QIcon icon(State state);
    static QIcon appIcon();
    static QColor color(State state);
};
