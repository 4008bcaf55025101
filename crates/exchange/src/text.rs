//! Text files of unknown encoding: Chinese Excel and GIS tools save CSV and DBF text in
//! GBK unless told otherwise. A file that is valid UTF-8 is UTF-8 (GBK text of any
//! length is almost never valid UTF-8); anything else is read as GB18030, the superset
//! of GBK and GB2312 that `encoding_rs` decodes.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// The encoding of a strict-UTF-8-else-GB18030 guess.
pub fn guess(bytes: &[u8]) -> &'static Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => UTF_8,
        Err(_) => GB18030,
    }
}

/// `bytes` as text, without a UTF-8 byte-order mark, and the encoding it was read in.
/// Bytes that are not GB18030 either become U+FFFD, which the checks then show.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let encoding = guess(bytes);
    let (text, _, _) = encoding.decode(bytes);
    (text.into_owned(), encoding)
}

/// The encoding a `.cpg` file names ("UTF-8", "GBK", "936", "GB2312", …), if known.
pub fn of_code_page_file(text: &str) -> Option<&'static Encoding> {
    let label = text.trim();
    match label {
        "936" | "CP936" | "cp936" | "ANSI 936" => Some(GB18030),
        "65001" => Some(UTF_8),
        // GBK and GB2312 decode as their superset GB18030; encoding_rs knows the rest by label.
        _ => Encoding::for_label(label.as_bytes()).map(|encoding| match encoding.name() {
            "GBK" => GB18030,
            _ => encoding,
        }),
    }
}

/// The encoding of a dBASE language driver id (byte 29 of a DBF header), for the ids
/// Chinese files carry; others, and 0 (none), say nothing.
pub fn of_language_driver(id: u8) -> Option<&'static Encoding> {
    match id {
        // 0x4D: Chinese GBK (PRC), code page 936, as ArcGIS and Visual FoxPro write it.
        0x4D | 0x7A => Some(GB18030),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_stays_utf8_and_gbk_is_read_as_gb18030() {
        let (text, encoding) = decode("\u{feff}地块编号,用地性质".as_bytes());
        assert_eq!((text.as_str(), encoding), ("地块编号,用地性质", UTF_8));
        let (gbk, _, _) = GB18030.encode("地块编号,工业用地,备注：东侧");
        let (text, encoding) = decode(&gbk);
        assert_eq!((text.as_str(), encoding), ("地块编号,工业用地,备注：东侧", GB18030));
    }

    #[test]
    fn code_page_files_and_language_drivers_name_their_encoding() {
        assert_eq!(of_code_page_file("UTF-8\r\n"), Some(UTF_8));
        assert_eq!(of_code_page_file("GBK"), Some(GB18030));
        assert_eq!(of_code_page_file("936"), Some(GB18030));
        assert_eq!(of_code_page_file("gb2312"), Some(GB18030));
        assert_eq!(of_code_page_file("no such code page"), None);
        assert_eq!(of_language_driver(0x4D), Some(GB18030));
        assert_eq!(of_language_driver(0x00), None);
    }
}
