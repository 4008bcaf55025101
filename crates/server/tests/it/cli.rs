//! The batch commands, run as an official runs them: files in, JSON or CSV out, a
//! report and a non-zero exit for bad rows.

use assert_cmd::Command;
use serde_json::Value;

fn parkatlas() -> Command {
    Command::cargo_bin("parkatlas").unwrap()
}

fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const WORKED_EXAMPLE: &str =
    "id,name,cohort,land_area_mu,tax_wan_yuan,value_added_wan_yuan,main_business_revenue_wan_yuan,\
energy_tce,emissions_t,average_staff,rd_wan_yuan\nE1,示例企业,规上,30,600,3000,10000,1000,0.5,150,300\n";

mod evaluate {
    use super::*;

    #[test]
    fn reproduces_the_huangyan_worked_example_as_json() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "e.csv", WORKED_EXAMPLE);
        let output = parkatlas()
            .args(["evaluate", "--profile", "huangyan-2022", "--date", "2023-03-31", &input])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8(output.stdout).unwrap();
        // serde_json would read a repeated key silently: count them in the text.
        assert_eq!((text.matches("\"total\":").count(), text.matches("\"class\":").count()), (1, 1), "{text}");
        let report: Value = serde_json::from_str(&text).unwrap();
        let enterprise = &report["enterprises"][0];
        assert_eq!(format!("{:.2}", enterprise["total"].as_f64().unwrap()), "94.99");
        assert_eq!(enterprise["class"], "B");
        assert_eq!(enterprise["explained"][0]["formula_zh"], "亩均税收 20 万元/亩 ÷ 基准 24.097 × 权重 30 = 24.90");
        assert_eq!(report["profile_id"], "huangyan-2022");
    }

    #[test]
    fn prints_csv_rounded_as_published() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "e.csv", WORKED_EXAMPLE);
        let output = parkatlas()
            .args(["evaluate", "--profile", "huangyan-2022", "--date", "2023-03-31", "--format", "csv", &input])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let row = text.lines().nth(1).unwrap();
        assert!(row.starts_with("E1,示例企业,graded,B,94.99,1,24.90,14.69,22.27,12.17,11.03,9.93"), "{row}");
    }

    #[test]
    fn bad_rows_are_reported_with_row_and_column_and_fail() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(
            &dir,
            "e.csv",
            "id,name,cohort,land_area_mu,energy_tce\nE1,a,above_scale,30,lots\nE2,b,sideways,3,1\n",
        );
        let output = parkatlas().args(["evaluate", "--profile", "huangyan-2022", &input]).output().unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("row 1, column energy_tce"), "{stderr}");
        assert!(stderr.contains("row 2, column cohort"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(output.stdout.is_empty());
    }

    #[test]
    fn an_unknown_profile_names_the_shipped_ones() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "e.csv", WORKED_EXAMPLE);
        let output = parkatlas().args(["evaluate", "--profile", "wuhan-2030", &input]).output().unwrap();
        assert!(!output.status.success());
        assert!(String::from_utf8(output.stderr)
            .unwrap()
            .contains("huangyan-2022, huangyan-2021, huaian-2024, etdz, linhai"));
    }
}

mod tiers {
    use super::*;

    const TIERS_CSV: &str = "id,name,founded_on,is_sme,staff_count,debt_ratio,years_in_niche,\
revenue_wan_yuan_2025,rd_expense_wan_yuan_2025,ip_class1\nE1,星河,2012-05-01,true,180,0.45,8,10200,560,3\n";

    #[test]
    fn csv_year_and_ip_columns_reach_the_rules() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "t.csv", TIERS_CSV);
        let output = parkatlas().args(["tiers", "--date", "2026-06-30", &input]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let reports: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(reports[0]["id"], "E1");
        assert_eq!(reports[0]["rule_version"], "miit2026");
        let criteria = serde_json::to_string(&reports[0]["tiers"]).unwrap();
        // The 2025 revenue column became an account year the rules read.
        assert!(criteria.contains("10200"), "revenue not read: {criteria}");
    }

    #[test]
    fn a_date_before_the_first_rules_fails_for_each_row() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "t.csv", TIERS_CSV);
        let output = parkatlas().args(["tiers", "--date", "2021-01-01", &input]).output().unwrap();
        assert!(!output.status.success());
        assert!(String::from_utf8(output.stderr).unwrap().contains("row 1"));
    }

    #[test]
    fn a_misspelt_column_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let input = file(&dir, "t.csv", "id,name,staf_count\nE1,星河,10\n");
        let output = parkatlas().args(["tiers", "--date", "2026-06-30", &input]).output().unwrap();
        assert!(!output.status.success());
        assert!(String::from_utf8(output.stderr).unwrap().contains("staf_count"));
    }
}
