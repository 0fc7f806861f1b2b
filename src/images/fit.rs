//! How large an image is drawn: scaled down (never up) to fit the columns
//! it has and at most a share of the pane's height, keeping its aspect
//! ratio, in whole cells of the terminal's font.

/// An image's size on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fit {
    /// The pixels it is scaled to.
    pub width: u32,
    pub height: u32,
    /// The cells those take.
    pub cols: u16,
    pub rows: u16,
}

/// `image` (pixels) drawn in cells of `cell` pixels, within `room` columns
/// and `max_rows` rows; `None` when there is no room at all or the image
/// has no pixels.
pub fn fit(image: (u32, u32), cell: (u16, u16), room: u16, max_rows: u16) -> Option<Fit> {
    let (width, height) = image;
    let (cell_width, cell_height) = (u64::from(cell.0.max(1)), u64::from(cell.1.max(1)));
    if width == 0 || height == 0 || room == 0 || max_rows == 0 {
        return None;
    }
    let (width, height) = (u64::from(width), u64::from(height));
    let room_px = u64::from(room) * cell_width;
    let rows_px = u64::from(max_rows) * cell_height;
    // The scale as a fraction: the smallest of 1, room/width, rows/height.
    let (mut num, mut den) = (1, 1);
    if room_px * den < width * num {
        (num, den) = (room_px, width);
    }
    if rows_px * den < height * num {
        (num, den) = (rows_px, height);
    }
    let scaled_width = (width * num / den).clamp(1, room_px);
    let scaled_height = (height * num / den).clamp(1, rows_px);
    let cols = scaled_width.div_ceil(cell_width);
    let rows = scaled_height.div_ceil(cell_height);
    Some(Fit {
        width: u32::try_from(scaled_width).ok()?,
        height: u32::try_from(scaled_height).ok()?,
        cols: u16::try_from(cols).ok()?,
        rows: u16::try_from(rows).ok()?,
    })
}

/// At most about half the pane's height (at least one row).
pub fn max_rows(pane_height: u16) -> u16 {
    (pane_height / 2).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_image_keeps_its_size() {
        let fit = fit((100, 40), (10, 20), 80, 12).expect("fits");
        assert_eq!(fit, Fit { width: 100, height: 40, cols: 10, rows: 2 });
    }

    #[test]
    fn a_wide_image_is_scaled_to_the_room_keeping_its_ratio() {
        let fit = fit((4000, 3000), (10, 20), 80, 100).expect("fits");
        assert_eq!((fit.width, fit.height), (800, 600));
        assert_eq!((fit.cols, fit.rows), (80, 30));
    }

    #[test]
    fn a_tall_image_is_scaled_to_the_rows() {
        let fit = fit((1000, 4000), (8, 16), 80, 10).expect("fits");
        assert_eq!(fit.height, 160);
        assert_eq!(fit.width, 40);
        assert_eq!((fit.cols, fit.rows), (5, 10));
    }

    #[test]
    fn never_past_the_room_or_the_rows_and_never_empty() {
        for (w, h) in [(1, 1), (1, 100_000), (100_000, 1), (4000, 3000), (333, 777), (20_000, 20_000)] {
            for room in [1, 7, 40, 200] {
                for rows in [1, 3, 15] {
                    let fit = fit((w, h), (9, 18), room, rows).expect("fits");
                    assert!(fit.cols >= 1 && fit.cols <= room, "{w}x{h} in {room}: {fit:?}");
                    assert!(fit.rows >= 1 && fit.rows <= rows, "{w}x{h} in {rows} rows: {fit:?}");
                    assert!(fit.width <= w && fit.height <= h);
                }
            }
        }
        assert_eq!(fit((0, 10), (10, 20), 80, 10), None);
        assert_eq!(fit((10, 10), (10, 20), 0, 10), None);
    }

    #[test]
    fn half_the_pane() {
        assert_eq!(max_rows(30), 15);
        assert_eq!(max_rows(1), 1);
    }
}
