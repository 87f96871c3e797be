// SPDX-License-Identifier: MIT
// TrayIcons: a rounded badge with a "K", coloured by state, with a dark rim and a light inner edge for contrast.
#include "trayicons.h"

#include <array>

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

#include "statuscolors.h"

namespace {
QPixmap paint(int size, const QColor &fill, bool paused)
{
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r(size * 0.06, size * 0.06, size * 0.88, size * 0.88);
    p.setPen(QPen(QColor(20, 20, 20, 220), qMax(1.0, size / 16.0)));
    p.setBrush(fill);
    p.drawRoundedRect(r, size * 0.22, size * 0.22);
    p.setPen(QPen(QColor(255, 255, 255, 90), qMax(1.0, size / 32.0)));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r.adjusted(size * 0.06, size * 0.06, -size * 0.06, -size * 0.06), size * 0.16, size * 0.16);
    p.setPen(Qt::white);
    if (paused) {
        p.setBrush(Qt::white);
        p.setPen(Qt::NoPen);
        const double w = size * 0.14;
        p.drawRect(QRectF(size * 0.32, size * 0.28, w, size * 0.44));
        p.drawRect(QRectF(size * 0.54, size * 0.28, w, size * 0.44));
    } else {
        QFont f;
        f.setBold(true);
        f.setPixelSize(int(size * 0.62));
        p.setFont(f);
        p.drawText(r, Qt::AlignCenter, QStringLiteral("K"));
    }
    return pm;
}

struct StateIcons
{
    std::array<QIcon, std::size_t(TrayIcons::State::Paused) + 1> icons; ///< by state
    std::array<QIcon, std::size_t(TrayIcons::Mark::Unknown) + 1> marks; ///< by mark
    bool dropRegistered = false;
};

StateIcons &stateIcons()
{
    static StateIcons cache;
    return cache;
}

// Pixmaps must not outlive the application object; a later application paints them again.
void dropStateIcons()
{
    stateIcons() = StateIcons();
}
} // namespace

QColor TrayIcons::color(State state)
{
    switch (state) {
    case State::Normal:
        return StatusColors::good();
    case State::Degraded:
        return StatusColors::warning();
    case State::Unavailable:
        return StatusColors::bad();
    case State::Paused:
        return QColor(0x70, 0x78, 0x84);
    }
    return Qt::gray;
}

QIcon TrayIcons::icon(State state)
{
    // The tray refreshes often; painting seven pixmaps each time (and handing the platform a "new" icon) is waste.
    StateIcons &cache = stateIcons();
    QIcon &icon = cache.icons.at(std::size_t(state));
    if (icon.isNull()) {
        if (!cache.dropRegistered) {
            qAddPostRoutine(dropStateIcons);
            cache.dropRegistered = true;
        }
        for (int s : {16, 22, 24, 32, 48, 64, 128})
            icon.addPixmap(paint(s, color(state), state == State::Paused));
    }
    return icon;
}

QColor TrayIcons::markColor(Mark mark)
{
    switch (mark) {
    case Mark::Active:
        return color(State::Normal);
    case Mark::Cooling:
        return color(State::Degraded);
    case Mark::Unavailable:
        return color(State::Unavailable);
    case Mark::Unknown:
        break;
    }
    return StatusColors::unknown();
}

QIcon TrayIcons::mark(Mark mark)
{
    StateIcons &cache = stateIcons();
    QIcon &icon = cache.marks.at(std::size_t(mark));
    if (icon.isNull()) {
        if (!cache.dropRegistered) {
            qAddPostRoutine(dropStateIcons);
            cache.dropRegistered = true;
        }
        for (int s : {16, 22, 24, 32, 48}) {
            QPixmap pm(s, s);
            pm.fill(Qt::transparent);
            QPainter p(&pm);
            p.setRenderHint(QPainter::Antialiasing);
            p.setPen(QPen(QColor(20, 20, 20, 160), qMax(1.0, s / 16.0)));
            p.setBrush(markColor(mark));
            const double d = s * 0.5;
            p.drawEllipse(QRectF((s - d) / 2, (s - d) / 2, d, d));
            p.end();
            icon.addPixmap(pm);
        }
    }
    return icon;
}

QIcon TrayIcons::appIcon()
{
    QIcon icon;
    for (int s : {16, 32, 48, 64, 128, 256})
        icon.addPixmap(paint(s, QColor(0x6b, 0x4f, 0xd8), false));
    return icon;
}
