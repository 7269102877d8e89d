/*
 * test_import.c — the pieces of `rolebook import` that are rules of their
 * own: pinyin readings taken out of a scraped page's text (pinyin.c), and
 * the traditional forms of headings and labels matching as the simplified
 * ones do (the fold of src/model/fields.c, as import uses it).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "model/fields.h"
#include "import/import.h"

/* imp_pinyin_strip() of s: the text left, the count, the first offset. */
static char *
S_strip(const char *s, size_t *count, size_t *first)
{
	char *t = xstrdup(s);

	*first = (size_t)-1;
	*count = imp_pinyin_strip(t, first);
	return t;
}

#define STRIPS(in, out, n) do {						\
	size_t c_, f_;							\
	char *t_ = S_strip(in, &c_, &f_);				\
	cr_assert_str_eq(t_, out, "%s", in);				\
	cr_assert_eq(c_, (size_t)(n), "%s: %zu removed", in, c_);	\
	free(t_);							\
} while (0)

Test(pinyin, readings_after_han_are_removed)
{
	size_t c, f;
	char *t;

	STRIPS("崗位職責(zé)", "崗位職責", 1);
	STRIPS("業(yè)務(wù)崗位職責(zé)", "業務崗位職責", 3);
	/* full-width parentheses, and a mixed pair */
	STRIPS("業（yè）務（wù）", "業務", 2);
	STRIPS("業（yè)務(wù）", "業務", 2);
	/* six letters, an initial of two (zh ch sh), ü with its tone */
	STRIPS("請(qǐng)莊(zhuāng)", "請莊", 2);
	STRIPS("綠(lǜ)女(nǚ)", "綠女", 2);
	STRIPS("雙(shuāng)", "雙", 1);
	/* the first offset is its '(' in the text as it was */
	t = S_strip("保險公司房責(zé)險", &c, &f);
	cr_assert_eq(c, 1);
	cr_assert_eq(f, strlen("保險公司房責"));
	cr_assert_str_eq(t, "保險公司房責險");
	free(t);
}

Test(pinyin, words_in_parentheses_are_kept)
{
	/* not pinyin, or no tone mark: a word, kept */
	STRIPS("工作时间(含)加班", "工作时间(含)加班", 0);
	STRIPS("考核(KPI)", "考核(KPI)", 0);
	STRIPS("语言(zh-CN)", "语言(zh-CN)", 0);
	STRIPS("名称(ming)", "名称(ming)", 0);
	STRIPS("的(de)", "的(de)", 0);
	STRIPS("咖啡(café)", "咖啡(café)", 0);	/* no syllable */
	STRIPS("简历(résumé)", "简历(résumé)", 0);	/* two tones, too long */
	STRIPS("岗位(Zé)", "岗位(Zé)", 0);		/* capital */
	STRIPS("岗位(zéé)", "岗位(zéé)", 0);	/* two tone marks */
	STRIPS("岗位(chuàngg)", "岗位(chuàngg)", 0);	/* seven letters */
	STRIPS("岗位(zé )", "岗位(zé )", 0);	/* a blank */
	STRIPS("岗位(zé", "岗位(zé", 0);		/* not closed */
	STRIPS("岗位()", "岗位()", 0);
	/* not right after a Han character */
	STRIPS("岗位 (zé)", "岗位 (zé)", 0);
	STRIPS("Pokemon(pó)", "Pokemon(pó)", 0);
	STRIPS("1(yī)", "1(yī)", 0);
	STRIPS("貐^(qū)域", "貐^(qū)域", 0);
	STRIPS("", "", 0);
	/* a bad byte is kept as it is */
	STRIPS("职\xFF(zé)", "职\xFF(zé)", 0);
}
