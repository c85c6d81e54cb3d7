package dev.nifiidcard.cardgen;

import java.util.List;

/** Real county-level regions of about thirty prefectures, from every province-level division but Taiwan, HK and Macao. */
final class Regions {

    static final List<Region> ALL = List.of(
            urban("110101", "", "北京市", "东城区"), urban("110108", "", "北京市", "海淀区"),
            urban("310104", "", "上海市", "徐汇区"), urban("310115", "", "上海市", "浦东新区"),
            urban("120104", "", "天津市", "南开区"), urban("500106", "", "重庆市", "沙坪坝区"),
            urban("440106", "广东省", "广州市", "天河区"), urban("440305", "广东省", "深圳市", "南山区"),
            urban("330106", "浙江省", "杭州市", "西湖区"), urban("320102", "江苏省", "南京市", "玄武区"),
            urban("320508", "江苏省", "苏州市", "姑苏区"), urban("370102", "山东省", "济南市", "历下区"),
            urban("370212", "山东省", "青岛市", "崂山区"), urban("420106", "湖北省", "武汉市", "武昌区"),
            urban("430104", "湖南省", "长沙市", "岳麓区"), urban("510107", "四川省", "成都市", "武侯区"),
            urban("610113", "陕西省", "西安市", "雁塔区"), urban("410105", "河南省", "郑州市", "金水区"),
            urban("210103", "辽宁省", "沈阳市", "沈河区"), urban("220102", "吉林省", "长春市", "南关区"),
            urban("230103", "黑龙江省", "哈尔滨市", "南岗区"), urban("130104", "河北省", "石家庄市", "桥西区"),
            urban("140106", "山西省", "太原市", "迎泽区"), urban("150105", "内蒙古自治区", "呼和浩特市", "赛罕区"),
            urban("340104", "安徽省", "合肥市", "蜀山区"), urban("350102", "福建省", "福州市", "鼓楼区"),
            urban("360102", "江西省", "南昌市", "东湖区"), urban("450103", "广西壮族自治区", "南宁市", "青秀区"),
            urban("460106", "海南省", "海口市", "龙华区"), urban("520103", "贵州省", "贵阳市", "云岩区"),
            urban("530102", "云南省", "昆明市", "五华区"), urban("540102", "西藏自治区", "拉萨市", "城关区"),
            urban("620102", "甘肃省", "兰州市", "城关区"), urban("630102", "青海省", "西宁市", "城东区"),
            urban("640104", "宁夏回族自治区", "银川市", "兴庆区"), urban("650103", "新疆维吾尔自治区", "乌鲁木齐市", "沙依巴克区"),
            county("522622", "贵州省", "黔东南苗族侗族自治州", "黄平县"), county("433101", "湖南省", "湘西土家族苗族自治州", "吉首市"),
            county("532801", "云南省", "西双版纳傣族自治州", "景洪市"), county("513221", "四川省", "阿坝藏族羌族自治州", "汶川县"),
            county("422802", "湖北省", "恩施土家族苗族自治州", "利川市"), county("150781", "内蒙古自治区", "呼伦贝尔市", "满洲里市"));

    private Regions() {
    }

    private static Region urban(final String code, final String province, final String city, final String district) {
        return new Region(code, province, city, district, true);
    }

    private static Region county(final String code, final String province, final String city, final String county) {
        return new Region(code, province, city, county, false);
    }
}
