// SPDX-License-Identifier: MIT
// QuotaBarDelegate: QStyleOptionProgressBar through the current style, with the band colour as the highlight.
#include "quotabardelegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include "accountsmodel.h"
#include "kiro/usagelimits.h"

QColor QuotaBarDelegate::bandColor(double remainingPercent)
{
    if (remainingPercent < 0)
        return QColor(0x90, 0x90, 0x90); // unknown
    switch (UsageLimits::bandFor(remainingPercent)) {
    case UsageLimits::Band::Green:
        return QColor(0x2e, 0x9e, 0x5b);
    case UsageLimits::Band::Yellow:
        return QColor(0xe0, 0x9b, 0x1a);
    case UsageLimits::Band::Red:
        break;
    }
    return QColor(0xd0, 0x3a, 0x3a);
}

void QuotaBarDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const double remaining = index.data(AccountsModel::QuotaPercentRole).toDouble();
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &base, painter, base.widget);

    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(4, 3, -4, -3);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = remaining < 0 ? 0 : int(remaining * 10);
    bar.textVisible = true;
    bar.text = index.data(AccountsModel::QuotaTextRole).toString();
    bar.textAlignment = Qt::AlignCenter;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.palette = option.palette;
    bar.palette.setColor(QPalette::Highlight, bandColor(remaining));
    bar.palette.setColor(QPalette::HighlightedText, Qt::white);
    bar.fontMetrics = option.fontMetrics;
    QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
}

QSize QuotaBarDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(qMax(s.width(),
                    option.fontMetrics.horizontalAdvance(index.data(AccountsModel::QuotaTextRole).toString()) + 40));
    s.setHeight(qMax(s.height(), option.fontMetrics.height() + 10));
    return s;
}
