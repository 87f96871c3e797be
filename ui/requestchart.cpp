// SPDX-License-Identifier: MIT
// RequestChart: palette colours, a max label and hour ticks; empty data draws an explanatory line.
#include "requestchart.h"

#include <QPainter>

RequestChart::RequestChart(QWidget *parent)
    : QWidget(parent)
    , m_counts(24, 0)
{
    setAccessibleName(tr("Requests in the last 24 hours"));
}

void RequestChart::setCounts(const QList<int> &perHour)
{
    if (perHour == m_counts)
        return; // same bars: no repaint
    m_counts = perHour;
    update();
}

void RequestChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QRect area = rect().adjusted(4, 16, -4, -18);
    p.setPen(pal.color(QPalette::Mid));
    p.drawLine(area.bottomLeft(), area.bottomRight());
    int max = 0;
    for (int c : m_counts)
        max = qMax(max, c);
    p.setPen(pal.color(QPalette::PlaceholderText));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    p.drawText(QRect(area.left(), rect().bottom() - 16, area.width(), 16), Qt::AlignLeft | Qt::AlignVCenter,
               tr("24 h ago"));
    p.drawText(QRect(area.left(), rect().bottom() - 16, area.width(), 16), Qt::AlignRight | Qt::AlignVCenter,
               tr("now"));
    if (max == 0) {
        p.drawText(area, Qt::AlignCenter, tr("No requests in the last 24 hours"));
        return;
    }
    p.drawText(QRect(area.left(), 0, area.width(), 16), Qt::AlignRight | Qt::AlignVCenter,
               tr("peak %n/h", nullptr, max));
    const int n = int(m_counts.size());
    const double slot = double(area.width()) / n;
    QColor bar = pal.color(QPalette::Highlight);
    for (int i = 0; i < n; ++i) {
        const double h = double(m_counts.at(i)) / max * area.height();
        const QRectF r(area.left() + i * slot + slot * 0.15, area.bottom() - h, slot * 0.7, h);
        p.fillRect(r, bar);
    }
}
