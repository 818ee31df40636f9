package letter

import (
	"fmt"
	"testing"
)

func TestFindDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"injury dated 6/16/02. He", "[6/16/02=2002-06-16]"},
		{"on 10-14-2016 and 10/14/16", "[10-14-2016=2016-10-14 10/14/16=2016-10-14]"},
		{"dated 10/14/ 2016 here", "[10/14/ 2016=2016-10-14]"},
		{"note dated 10-302016, the", "[10-302016=2016-10-30]"},
		{"on October 14, 2016 and Dec. 1 2017", "[October 14, 2016=2016-10-14 Dec. 1 2017=2017-12-01]"},
		{"L4-5, C5-6, 2-3 times, 4/6 visits, CM16-0221706, 02/31/2016, 7/10 pain", "[]"},
		{"a May 2016 visit; may 3, 2016", "[may 3, 2016=2016-05-03]"},
		{"x10/14/2016", "[]"},
		{"Jan. 3, 2004", "[Jan. 3, 2004=2004-01-03]"},
		{"Sept 12, 2016", "[Sept 12, 2016=2016-09-12]"},
		{"September. 1, 2001", "[September. 1, 2001=2001-09-01]"},
		{"Mayx 1, 2001", "[]"},
		{"may 1 2001", "[may 1 2001=2001-05-01]"},
		{"Oct.5, 2011", "[]"},
		{"Dec  12, 2012", "[]"},
		{"xJune 1, 2001", "[]"},
		{"June 31, 2001", "[]"},
		{"on 1/2/2003®", "[1/2/2003=2003-01-02]"},
		{"é10/14/2016", "[10/14/2016=2016-10-14]"},
		{"10/14/2016é", "[10/14/2016=2016-10-14]"},
		{"Octobre 1, 2001", "[]"},
		{"injured on 14 Oct 2016 and 3 November, 2015", "[14 Oct 2016=2016-10-14 3 November, 2015=2015-11-03]"},
		{"12 sessions 2016, 3 Octobre 2016, 4 Oct 16", "[]"},
	}
	for _, tc := range tests {
		var got []string
		for _, d := range FindDates(tc.in) {
			got = append(got, tc.in[d.Start:d.End]+"="+d.Time.Format("2006-01-02"))
		}
		if g := fmt.Sprint(got); g != tc.want {
			t.Errorf("FindDates(%q) = %s, want %s", tc.in, g, tc.want)
		}
	}
}
